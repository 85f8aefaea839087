package dev.pseudofs.configfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Node;
import java.util.Objects;

/**
 * Describes one binary attribute of an {@link ItemType}: the kernel's {@code struct
 * configfs_bin_attribute} ({@code CONFIGFS_BIN_ATTR}).
 *
 * <p>Reads see one snapshot per open file; writes are collected in a per-open buffer and handed
 * to {@link Write#write} once, when the file is closed (G9).
 *
 * @param name the file name inside every item of the type
 * @param mode the permission bits
 * @param maxSize cb_max_size: the largest content read or written, 0 for no limit
 * @param read returns the whole content, or {@code null} for a write-only attribute
 * @param write receives the written content at the last close, or {@code null} for read-only
 */
public record ConfigfsBinAttribute(String name, int mode, int maxSize, Read read, Write write) {

    /** Returns the content of a binary attribute of one item (configfs_bin_attribute.read). */
    @FunctionalInterface
    public interface Read {
        /**
         * Returns the whole content of the attribute for {@code item}.
         *
         * @throws FsException to make the read fail with that errno
         */
        byte[] read(ConfigItem item);
    }

    /** Commits what was written through one open file (configfs_bin_attribute.write). */
    @FunctionalInterface
    public interface Write {
        /** Receives the written bytes; its failure is ignored, as the kernel ignores it (G9). */
        void write(ConfigItem item, byte[] data);
    }

    /** Validates the components. */
    public ConfigfsBinAttribute {
        Objects.requireNonNull(name, "name");
        if ((mode & ~Node.PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("bad mode 0" + Integer.toOctalString(mode));
        }
        if (maxSize < 0) {
            throw new IllegalArgumentException("negative max size: " + maxSize);
        }
        if (read == null && write == null) {
            throw new IllegalArgumentException("binary attribute " + name + " needs read or write");
        }
    }

    /** Returns a read-write binary attribute, mode 0644, limited to {@code maxSize} bytes. */
    public static ConfigfsBinAttribute rw(String name, int maxSize, Read read, Write write) {
        return new ConfigfsBinAttribute(name, 0644, maxSize, Objects.requireNonNull(read),
                Objects.requireNonNull(write));
    }
}
