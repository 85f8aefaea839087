package dev.pseudofs.core;

import java.nio.ByteBuffer;

/**
 * Implements a file's read, write and poll directly, with offsets (proc_ops, debugfs fops).
 *
 * <p>There is no buffering and no size limit: every read(2) and write(2) reaches these methods
 * once, at the position the caller is at. Per-open state goes in
 * {@link OpenFile#setPrivateData}. Missing methods answer EINVAL (K21, D6).
 */
public interface RawOps {
    /** Returns whether the file has a read method (checked at open under the kernfs policy). */
    default boolean readable() {
        return true;
    }

    /** Returns whether the file has a write method (checked at open under the kernfs policy). */
    default boolean writable() {
        return true;
    }

    /** Prepares per-open state; may refuse the open by throwing. */
    default void open(OpenFile file) {}

    /** Reads at {@code pos} into {@code dst}; returns the bytes read, 0 at end of file. */
    default int read(OpenFile file, ByteBuffer dst, long pos) {
        throw FsException.invalid("no read method");
    }

    /** Writes {@code src} at {@code pos}; returns the bytes consumed. */
    default int write(OpenFile file, ByteBuffer src, long pos) {
        throw FsException.invalid("no write method");
    }

    /**
     * Returns the poll events. Not overriding this is the kernel's fops without a poll method:
     * the file system's answer ({@link OpenFile#defaultPoll}); overriding it replaces that (K33).
     */
    default int poll(OpenFile file) {
        return file.defaultPoll();
    }

    /** Frees per-open state at the last close. */
    default void release(OpenFile file) {}
}
