package dev.pseudofs.debugfs;

import dev.pseudofs.core.FsException;
import java.nio.ByteBuffer;

/** Copies between a kernel-side buffer and a read(2)/write(2), as fs/libfs.c's helpers do. */
final class Libfs {
    private Libfs() {}

    /**
     * Copies {@code from[pos..available)} into {@code dst} (simple_read_from_buffer): 0 at or
     * past the end, EINVAL for a negative position.
     */
    static int simpleReadFromBuffer(ByteBuffer dst, long pos, byte[] from, int available) {
        if (pos < 0) {
            throw FsException.invalid("negative position");
        }
        if (pos >= available || !dst.hasRemaining()) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), available - pos);
        dst.put(from, (int) pos, n);
        return n;
    }

    /**
     * Copies {@code src} into {@code to} at {@code pos}, clipped to {@code available}
     * (simple_write_to_buffer): 0 at or past the end, EINVAL for a negative position.
     */
    static int simpleWriteToBuffer(byte[] to, int available, long pos, ByteBuffer src) {
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

    /** Returns the first {@code max} bytes of {@code src} without consuming it (copy_from_user). */
    static byte[] head(ByteBuffer src, int max) {
        byte[] b = new byte[Math.min(max, src.remaining())];
        src.duplicate().get(b);
        return b;
    }
}
