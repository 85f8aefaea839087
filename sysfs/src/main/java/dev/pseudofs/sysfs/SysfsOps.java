package dev.pseudofs.sysfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.PageBuffer;
import dev.pseudofs.core.StoreBuffer;

/**
 * Dispatches reads and writes of a ktype's attributes ({@code struct sysfs_ops}).
 *
 * <p>Either side may be absent: a ktype without {@code show} makes its attributes refuse
 * reading at open, one without {@code store} refuses writing at open (K17). {@link #KOBJ} is
 * kobj_sysfs_ops, which calls the attribute's own callbacks and answers EIO for a missing one.
 *
 * @param show the read dispatcher, or {@code null}
 * @param store the write dispatcher, or {@code null}
 */
public record SysfsOps(Show show, Store store) {
    /** Reads one attribute of one kobject. */
    @FunctionalInterface
    public interface Show {
        /** Fills {@code buf} with {@code attr} of {@code kobj}. */
        void show(Kobject kobj, Attribute attr, PageBuffer buf);
    }

    /** Writes one attribute of one kobject. */
    @FunctionalInterface
    public interface Store {
        /** Hands {@code in} to {@code attr} of {@code kobj}; returns the bytes consumed. */
        int store(Kobject kobj, Attribute attr, StoreBuffer in);
    }

    /** Is kobj_sysfs_ops: the attribute's own show/store, EIO where it has none (S8, S10). */
    public static final SysfsOps KOBJ = new SysfsOps(
            (kobj, attr, buf) -> {
                if (attr.show() == null) {
                    throw FsException.io("kobj_attr_show: no show for " + attr.name());
                }
                attr.show().show(kobj, buf);
            },
            (kobj, attr, in) -> {
                if (attr.store() == null) {
                    throw FsException.io("kobj_attr_store: no store for " + attr.name());
                }
                return attr.store().store(kobj, in);
            });
}
