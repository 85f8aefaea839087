package dev.pseudofs.configfs;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one binary attribute of one item: a read snapshot or a write buffer per open file,
 * committed at the last close (configfs_bin_read_iter, configfs_bin_write_iter,
 * configfs_release_bin_file; G9).
 */
final class BinAttributeFile implements RawOps {
    private static final Logger log = LoggerFactory.getLogger(BinAttributeFile.class);

    private final ConfigItem item;            // immutable
    private final ConfigfsBinAttribute attr;  // immutable

    /** The per-open buffer (struct configfs_buffer's bin_buffer); guarded by the open file's lock. */
    private static final class Buffer {
        boolean reading;
        boolean writing;
        byte[] data = new byte[0];
        int size;
    }

    BinAttributeFile(ConfigItem item, ConfigfsBinAttribute attr) {
        this.item = item;
        this.attr = attr;
    }

    @Override
    public boolean readable() {
        return attr.read() != null;
    }

    @Override
    public boolean writable() {
        return attr.write() != null;
    }

    @Override
    public void open(OpenFile file) {
        file.setPrivateData(new Buffer());
    }

    /** Serves the snapshot taken at the first read; ETXTBSY after a write on this fd (G9). */
    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        Buffer b = (Buffer) file.privateData();
        if (b.writing) {
            throw new FsException(Errno.ETXTBSY, "read after write: " + file.file().path());
        }
        if (!b.reading) {
            byte[] content = attr.read().read(item);
            int len = content == null ? 0 : content.length;
            if (attr.maxSize() > 0 && len > attr.maxSize()) {
                throw new FsException(Errno.EFBIG, "read larger than cb_max_size: " + len);
            }
            b.data = content == null ? new byte[0] : content.clone();
            b.size = len;
            b.reading = true;
        }
        if (pos >= b.size) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), b.size - pos);
        dst.put(b.data, (int) pos, n);
        return n;
    }

    /** Collects written bytes at their positions, up to cb_max_size (EFBIG beyond, G9). */
    @Override
    public int write(OpenFile file, ByteBuffer src, long pos) {
        Buffer b = (Buffer) file.privateData();
        if (b.reading) {
            throw new FsException(Errno.ETXTBSY, "write after read: " + file.file().path());
        }
        int count = src.remaining();
        long end = pos + count;
        int max = attr.maxSize() > 0 ? attr.maxSize() : Integer.MAX_VALUE - 8;
        if (end > max) {
            throw new FsException(Errno.EFBIG, "write past cb_max_size: " + end);
        }
        b.writing = true;
        if (end > b.data.length) {
            b.data = Arrays.copyOf(b.data, (int) Math.max(end, Math.min(max, 2L * b.data.length)));
        }
        src.get(b.data, (int) pos, count); // holes stay zero-filled
        b.size = (int) Math.max(b.size, end);
        return count;
    }

    /** Commits the written buffer once, unless the item is gone; the result is ignored (G9). */
    @Override
    public void release(OpenFile file) {
        Buffer b = (Buffer) file.privateData();
        if (b == null || !b.writing || file.file().isRemoved()) {
            return;
        }
        try {
            attr.write().write(item, Arrays.copyOf(b.data, b.size));
        } catch (RuntimeException e) {
            log.debug("binary write of {} failed at close: {}", file.file().path(), e.toString());
        }
    }
}
