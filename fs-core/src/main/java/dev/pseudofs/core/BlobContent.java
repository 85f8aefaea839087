package dev.pseudofs.core;

import java.nio.ByteBuffer;

/**
 * Is the per-open state of a binary file: none, every call goes straight to {@link BlobOps}
 * after sysfs_kf_bin_read/write's clipping (K20, S21, S22).
 */
final class BlobContent implements FileContent {
    private final BlobOps ops;

    BlobContent(BlobOps ops) {
        this.ops = ops;
    }

    @Override
    public int read(OpenFile of, ByteBuffer dst, long pos) {
        of.markSeen(); // K31: kernfs_file_read_iter records the event before it reads
        if (!ops.readable()) {
            throw FsException.io("no read method"); // S21
        }
        long size = of.file().size();
        int count = Math.min(dst.remaining(), of.pageSize()); // one page per read(2): K20
        if (size > 0) {
            if (pos >= size) {
                return 0;
            }
            count = (int) Math.min(count, size - pos);
        }
        ByteBuffer slice = dst.slice();
        slice.limit(count);
        int n = ops.read(slice, pos);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public int write(OpenFile of, ByteBuffer src, long pos) {
        if (!ops.writable()) {
            throw FsException.io("no write method"); // S22
        }
        long size = of.file().size();
        int count = Math.min(src.remaining(), of.pageSize());
        if (size > 0) {
            if (pos >= size) {
                throw new FsException(Errno.EFBIG, "write past the end of a sized binary file");
            }
            count = (int) Math.min(count, size - pos);
        }
        ByteBuffer slice = src.slice();
        slice.limit(count);
        return ops.write(slice, pos);
    }
}
