package dev.pseudofs.sysfs;

import dev.pseudofs.core.BlobOps;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.Policy;
import dev.pseudofs.core.RawOps;
import dev.pseudofs.core.Show;
import dev.pseudofs.core.Store;
import java.nio.ByteBuffer;

/**
 * Turns attributes into core files (fs/sysfs/file.c): the ktype's sysfs ops become a
 * show/store file of st_size 4096, a binary attribute becomes a blob of its declared size.
 */
final class SysfsFiles {
    /** The kernfs ops of a file with neither read nor write method (sysfs_file_kfops_empty). */
    private static final FileOps EMPTY = FileOps.raw(new RawOps() {
        @Override
        public boolean readable() {
            return false;
        }

        @Override
        public boolean writable() {
            return false;
        }
    });

    private SysfsFiles() {}

    /**
     * Creates {@code attr} of {@code kobj} in {@code parent} with {@code mode}, as
     * sysfs_add_file_mode_ns: the ops are chosen by what the ktype's sysfs_ops provide (S8).
     */
    static File addFile(Dir parent, Kobject kobj, Attribute attr, int mode) {
        SysfsOps ops = kobj.ktype().sysfsOps();
        Show show = ops.show() == null ? null : buf -> ops.show().show(kobj, attr, buf);
        Store store = ops.store() == null ? null : in -> ops.store().store(kobj, attr, in);
        FileOps fops = show == null && store == null ? EMPTY : FileOps.showStore(show, store);
        Policy policy = attr.prealloc() ? parent.policy().withRefresh(Policy.Refresh.EVERY_READ)
                : parent.policy();
        return parent.createFile(attr.name(), mode, fops, File.PAGE_SIZE, policy); // st_size 4096 (K2, S5)
    }

    /** Creates binary attribute {@code attr} of {@code kobj} (sysfs_add_bin_file_mode_ns, S20). */
    static File addBinFile(Dir parent, Kobject kobj, BinAttribute attr, int mode) {
        if (attr.read() == null && attr.write() == null) {
            return parent.createFile(attr.name(), mode, EMPTY, attr.size());
        }
        BlobOps blob = new BlobOps() {
            @Override
            public boolean readable() {
                return attr.read() != null;
            }

            @Override
            public boolean writable() {
                return attr.write() != null;
            }

            @Override
            public int read(ByteBuffer dst, long pos) {
                return attr.read().read(kobj, dst, pos);
            }

            @Override
            public int write(ByteBuffer src, long pos) {
                return attr.write().write(kobj, src, pos);
            }
        };
        return parent.createFile(attr.name(), mode, FileOps.blob(blob), attr.size());
    }
}
