package dev.pseudofs.configfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.PageBuffer;
import dev.pseudofs.core.StoreBuffer;
import java.util.Objects;

/**
 * Describes one text attribute of an {@link ItemType}: the kernel's {@code struct
 * configfs_attribute} with its show and store methods ({@code CONFIGFS_ATTR}).
 *
 * @param name the file name inside every item of the type
 * @param mode the permission bits (ca_mode)
 * @param show produces the value, or {@code null} for a write-only attribute
 * @param store consumes one write(2), or {@code null} for a read-only attribute
 */
public record ConfigfsAttribute(String name, int mode, Show show, Store store) {

    /** Produces an attribute's text for one item (configfs_attribute.show). */
    @FunctionalInterface
    public interface Show {
        /**
         * Appends the value of {@code item} to {@code page}; more than a page fails the read with
         * EIO (G7).
         *
         * @throws FsException to make the read fail with that errno
         */
        void show(ConfigItem item, PageBuffer page);
    }

    /** Receives one write(2) to an attribute of one item (configfs_attribute.store). */
    @FunctionalInterface
    public interface Store {
        /**
         * Consumes at most 4095 bytes of {@code in} (G8); on a thrown {@link FsException} the old
         * value must stay.
         *
         * @return the bytes consumed, passed through as write(2)'s result
         */
        int store(ConfigItem item, StoreBuffer in);
    }

    /** Validates the components. */
    public ConfigfsAttribute {
        Objects.requireNonNull(name, "name");
        if ((mode & ~Node.PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("bad mode 0" + Integer.toOctalString(mode));
        }
        if (show == null && store == null) {
            throw new IllegalArgumentException("attribute " + name + " needs a show or a store");
        }
    }

    /** Returns a read-write attribute, mode 0644 (CONFIGFS_ATTR). */
    public static ConfigfsAttribute rw(String name, Show show, Store store) {
        return new ConfigfsAttribute(name, 0644, Objects.requireNonNull(show), Objects.requireNonNull(store));
    }

    /** Returns a read-only attribute, mode 0444 (CONFIGFS_ATTR_RO). */
    public static ConfigfsAttribute ro(String name, Show show) {
        return new ConfigfsAttribute(name, 0444, Objects.requireNonNull(show), null);
    }

    /** Returns a write-only attribute, mode 0200 (CONFIGFS_ATTR_WO). */
    public static ConfigfsAttribute wo(String name, Store store) {
        return new ConfigfsAttribute(name, 0200, null, Objects.requireNonNull(store));
    }
}
