package dev.pseudofs.sysfs;

import dev.pseudofs.core.Show;
import dev.pseudofs.core.Store;
import java.util.Objects;

/**
 * Describes one sysfs text attribute: a name, a mode and the show/store pair behind it
 * ({@code struct kobj_attribute}).
 *
 * <p>The factories mirror the kernel's macros: {@link #ro} is {@code __ATTR_RO} (0444),
 * {@link #wo} {@code __ATTR_WO} (0200), {@link #rw} {@code __ATTR_RW} (0644) and {@link #of}
 * {@code __ATTR(name, mode, show, store)}, whose mode passes the same checks as
 * VERIFY_OCTAL_PERMISSIONS (S6). Either callback may be {@code null}; the default sysfs ops
 * then answer EIO, as kobj_attr_show/kobj_attr_store do (S8, S10).
 *
 * @param name the file name
 * @param mode the permission bits, 0 to 0777
 * @param show produces the value, or {@code null}
 * @param store consumes a write, or {@code null}
 * @param prealloc whether every read(2) runs show again (SYSFS_PREALLOC, S13)
 */
public record Attribute(String name, int mode, KobjShow show, KobjStore store, boolean prealloc) {
    /** Validates the name and the mode (VERIFY_OCTAL_PERMISSIONS). */
    public Attribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad attribute name: \"" + name + "\"");
        }
        verifyOctalPermissions(mode);
    }

    /** Returns a 0444 attribute with {@code show} (__ATTR_RO). */
    public static Attribute ro(String name, Show show) {
        return of(name, 0444, adapt(show), null);
    }

    /** Returns a 0444 attribute whose show sees the kobject (__ATTR_RO). */
    public static Attribute ro(String name, KobjShow show) {
        return of(name, 0444, show, null);
    }

    /** Returns a 0200 attribute with {@code store} (__ATTR_WO). */
    public static Attribute wo(String name, Store store) {
        return of(name, 0200, null, adapt(store));
    }

    /** Returns a 0200 attribute whose store sees the kobject (__ATTR_WO). */
    public static Attribute wo(String name, KobjStore store) {
        return of(name, 0200, null, store);
    }

    /** Returns a 0644 attribute with {@code show} and {@code store} (__ATTR_RW). */
    public static Attribute rw(String name, Show show, Store store) {
        return of(name, 0644, adapt(show), adapt(store));
    }

    /** Returns a 0644 attribute whose callbacks see the kobject (__ATTR_RW). */
    public static Attribute rw(String name, KobjShow show, KobjStore store) {
        return of(name, 0644, show, store);
    }

    /** Returns an attribute with an explicit, checked mode (__ATTR). */
    public static Attribute of(String name, int mode, Show show, Store store) {
        return of(name, mode, adapt(show), adapt(store));
    }

    /** Returns an attribute with an explicit, checked mode whose callbacks see the kobject. */
    public static Attribute of(String name, int mode, KobjShow show, KobjStore store) {
        return new Attribute(name, mode, show, store, false);
    }

    /**
     * Returns an attribute whose show runs on every read(2), with no per-open snapshot
     * (__ATTR_PREALLOC, S13), for values that must never be served stale (md array_state).
     */
    public static Attribute prealloc(String name, int mode, KobjShow show, KobjStore store) {
        return new Attribute(name, mode, show, store, true);
    }

    /**
     * Checks a mode as VERIFY_OCTAL_PERMISSIONS does at compile time (S6): within 0..0777, user
     * read &gt;= group read &gt;= other read, user write &gt;= group write, no other write.
     *
     * @throws IllegalArgumentException naming the rule the mode breaks
     */
    public static int verifyOctalPermissions(int mode) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode out of 0..0777: 0" + Integer.toOctalString(mode));
        }
        if (((mode >> 6) & 4) < ((mode >> 3) & 4) || ((mode >> 3) & 4) < (mode & 4)) {
            throw new IllegalArgumentException("readable by group or other but not by user/group: 0"
                    + Integer.toOctalString(mode));
        }
        if (((mode >> 6) & 2) < ((mode >> 3) & 2)) {
            throw new IllegalArgumentException("writable by group but not by user: 0"
                    + Integer.toOctalString(mode));
        }
        if ((mode & 2) != 0) {
            throw new IllegalArgumentException("writable by other: 0" + Integer.toOctalString(mode));
        }
        return mode;
    }

    private static KobjShow adapt(Show show) {
        return show == null ? null : (kobj, buf) -> show.show(buf);
    }

    private static KobjStore adapt(Store store) {
        return store == null ? null : (kobj, in) -> store.store(in);
    }
}
