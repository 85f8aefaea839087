package dev.pseudofs.core;

import java.nio.ByteBuffer;

/**
 * Reads and writes a binary file at offsets (sysfs {@code bin_attribute}, K20, S21, S22).
 *
 * <p>The core clips every call to the file's st_size when it is not 0 and to one page, so an
 * implementation only copies bytes.
 */
public interface BlobOps {
    /** Returns whether reading is supported. */
    default boolean readable() {
        return true;
    }

    /** Returns whether writing is supported. */
    default boolean writable() {
        return false;
    }

    /** Copies bytes from offset {@code pos} into {@code dst}; returns how many (0 = end). */
    int read(ByteBuffer dst, long pos);

    /** Stores the bytes of {@code src} at offset {@code pos}; returns how many were consumed. */
    default int write(ByteBuffer src, long pos) {
        throw FsException.io("no write method");
    }
}
