package dev.pseudofs.core;

import java.nio.ByteBuffer;

/**
 * Is the per-open behaviour of one content kind; created by {@link FileOps#open} for each open.
 *
 * <p>Methods run under the open file's lock, after the removal check.
 */
interface FileContent {
    /** Reads at {@code pos} into {@code dst} (at least one byte wanted); returns bytes read. */
    int read(OpenFile of, ByteBuffer dst, long pos);

    /** Writes {@code src} (at least one byte) at {@code pos}; returns bytes consumed. */
    int write(OpenFile of, ByteBuffer src, long pos);

    /** Returns the poll events; the default is the file system's (K30 for kernfs). */
    default int poll(OpenFile of) {
        return of.defaultPoll();
    }

    /** Returns whether the content has a poll method of its own (K33, D5). */
    default boolean hasPoll() {
        return false;
    }

    /** Frees per-open state at the last close. */
    default void release(OpenFile of) {}
}
