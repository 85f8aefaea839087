package dev.pseudofs.core;

import java.nio.ByteBuffer;

/**
 * Copies between a caller's buffer and a kernel-side byte array by position, as the legacy
 * helpers of fs/libfs.c do ({@code simple_read_from_buffer}, {@code simple_write_to_buffer}, P17).
 */
public final class Libfs {
    private Libfs() {}

    /**
     * Copies {@code min(dst.remaining(), avail - pos)} bytes of {@code from} starting at
     * {@code pos} into {@code dst} (simple_read_from_buffer): a negative position is EINVAL, a
     * position at or past {@code avail} or an empty {@code dst} reads 0.
     *
     * @return the bytes copied; the caller advances its position by this much
     */
    public static int simpleReadFromBuffer(ByteBuffer dst, long pos, byte[] from, int avail) {
        if (pos < 0) {
            throw FsException.invalid("negative position");
        }
        if (pos >= avail || !dst.hasRemaining()) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), avail - pos);
        dst.put(from, (int) pos, n);
        return n;
    }

    /**
     * Copies {@code min(src.remaining(), available - pos)} bytes of {@code src} into {@code to}
     * at {@code pos} (simple_write_to_buffer): a negative position is EINVAL, a position at or
     * past {@code available} or an empty {@code src} writes 0.
     *
     * @return the bytes copied
     */
    public static int simpleWriteToBuffer(byte[] to, int available, long pos, ByteBuffer src) {
        if (pos < 0) {
            throw FsException.invalid("negative position");
        }
        if (pos >= available || !src.hasRemaining()) {
            return 0;
        }
        int n = (int) Math.min(src.remaining(), available - pos);
        src.get(to, (int) pos, n);
        return n;
    }
}
