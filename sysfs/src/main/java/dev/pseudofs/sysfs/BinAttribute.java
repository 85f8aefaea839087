package dev.pseudofs.sysfs;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Describes one sysfs binary attribute ({@code struct bin_attribute}): bytes read and
 * written at offsets, one callback per read(2) or write(2) (K20, S20-S22).
 *
 * <p>A non-zero {@code size} is the file's st_size and the core clips every call to it:
 * reads at or past it return 0, writes there fail with EFBIG. Size 0 means "unknown": no
 * clipping, the callbacks decide where the data ends. A missing callback answers EIO.
 *
 * @param name the file name
 * @param mode the permission bits
 * @param size st_size, or 0 for a dynamic size
 * @param read copies bytes out, or {@code null}
 * @param write stores bytes, or {@code null}
 */
public record BinAttribute(String name, int mode, long size, Read read, Write write) {
    /** Reads bytes of one kobject's binary attribute. */
    @FunctionalInterface
    public interface Read {
        /** Copies bytes from offset {@code pos} into {@code dst}; returns how many, 0 at the end. */
        int read(Kobject kobj, ByteBuffer dst, long pos);
    }

    /** Writes bytes of one kobject's binary attribute. */
    @FunctionalInterface
    public interface Write {
        /** Stores {@code src} at offset {@code pos}; returns how many bytes were consumed. */
        int write(Kobject kobj, ByteBuffer src, long pos);
    }

    /** Validates name, mode and size. */
    public BinAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad attribute name: \"" + name + "\"");
        }
        Attribute.verifyOctalPermissions(mode);
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }

    /**
     * Returns a fixed-size attribute backed by {@code data} (read-only when mode has no write
     * bit); writes change the array in place.
     */
    public static BinAttribute ofBytes(String name, int mode, byte[] data) {
        Objects.requireNonNull(data, "data");
        Read read = (kobj, dst, pos) -> {
            int n = (int) Math.min(dst.remaining(), Math.max(0, data.length - pos));
            dst.put(data, (int) pos, n);
            return n;
        };
        Write write = (mode & 0222) == 0 ? null : (kobj, src, pos) -> {
            int n = src.remaining();
            synchronized (data) {
                src.get(data, (int) pos, n);
            }
            return n;
        };
        return new BinAttribute(name, mode, data.length, read, write);
    }

    /** Returns an attribute of unknown size (0): no clipping, the callbacks decide (S21). */
    public static BinAttribute dynamic(String name, int mode, Read read, Write write) {
        return new BinAttribute(name, mode, 0, read, write);
    }
}
