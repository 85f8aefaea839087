package dev.pseudofs.sysfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Node;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, updates and removes attribute groups (fs/sysfs/group.c, S5, S24, S25).
 */
final class SysfsGroups {
    private static final Logger log = LoggerFactory.getLogger(SysfsGroups.class);

    /** The bits a group-created file may keep (create_files: SYSFS_PREALLOC | 0664). */
    static final int GROUP_MODE_MASK = 0664;

    private SysfsGroups() {}

    /** Creates or re-evaluates {@code grp} on {@code kobj} (internal_create_group). */
    static void create(Kobject kobj, AttributeGroup grp, boolean update) {
        Dir kobjDir = kobj.requireDir();
        if (grp.attrs().isEmpty() && grp.binAttrs().isEmpty()) {
            throw new FsException(Errno.EINVAL, "attribute group without attributes"); // S24
        }
        Dir target = kobjDir;
        if (grp.name() != null) {
            boolean dirVisible = (firstVisible(kobj, grp) & AttributeGroup.GROUP_INVISIBLE) == 0;
            Node existing = update ? kobjDir.lookup(grp.name()) : null;
            if (existing instanceof Dir d) {
                if (!dirVisible) {
                    remove(kobj, grp); // the whole named group went invisible
                    return;
                }
                target = d;
            } else {
                update = false; // may have been invisible before this update
                if (!dirVisible) {
                    return;
                }
                target = kobjDir.createDir(grp.name(), 0755); // EEXIST on a duplicate (S24)
            }
        }
        try {
            createFiles(kobj, target, grp, update);
        } catch (RuntimeException e) {
            if (target != kobjDir) {
                target.remove(); // a named group goes away whole
            }
            throw e;
        }
    }

    /** Removes the files of {@code grp} and, when named, its directory (sysfs_remove_group). */
    static void remove(Kobject kobj, AttributeGroup grp) {
        Dir kobjDir = kobj.requireDir();
        if (grp.name() == null) {
            removeFiles(kobjDir, grp);
            return;
        }
        if (kobjDir.lookup(grp.name()) instanceof Dir d) {
            removeFiles(d, grp);
            d.remove();
        } else {
            log.warn("sysfs group '{}' not found for kobject '{}'", grp.name(), kobj.name());
        }
    }

    // create_files: on update every file is removed first and created again when visible, so
    // re-added files get new inode numbers and open handles on the old ones get ENODEV (S25).
    private static void createFiles(Kobject kobj, Dir parent, AttributeGroup grp, boolean update) {
        try {
            List<Attribute> attrs = grp.attrs();
            for (int i = 0; i < attrs.size(); i++) {
                Attribute attr = attrs.get(i);
                if (update) {
                    removeByName(parent, attr.name());
                }
                int mode = attr.mode();
                if (grp.isVisible() != null) {
                    mode = grp.isVisible().mode(kobj, attr, i) & ~AttributeGroup.GROUP_INVISIBLE;
                    if (mode == 0) {
                        continue; // S25: not created, lookups give ENOENT
                    }
                }
                SysfsFiles.addFile(parent, kobj, attr, mask(mode, attr.name()));
            }
            List<BinAttribute> bins = grp.binAttrs();
            for (int i = 0; i < bins.size(); i++) {
                BinAttribute attr = bins.get(i);
                if (update) {
                    removeByName(parent, attr.name());
                }
                int mode = attr.mode();
                if (grp.isBinVisible() != null) {
                    mode = grp.isBinVisible().mode(kobj, attr, i) & ~AttributeGroup.GROUP_INVISIBLE;
                    if (mode == 0) {
                        continue;
                    }
                }
                SysfsFiles.addBinFile(parent, kobj, attr, mask(mode, attr.name()));
            }
        } catch (RuntimeException e) {
            // As the kernel's remove_files: every name of the group goes, including a file of
            // that name that existed before and caused the EEXIST.
            removeFiles(parent, grp);
            throw e;
        }
    }

    private static int mask(int mode, String name) {
        if ((mode & ~GROUP_MODE_MASK) != 0) {
            log.warn("Attribute {}: Invalid permissions 0{}", name, Integer.toOctalString(mode));
        }
        return mode & GROUP_MODE_MASK; // S5
    }

    // __first_visible: only the first attribute can hide a named group's directory.
    private static int firstVisible(Kobject kobj, AttributeGroup grp) {
        if (!grp.attrs().isEmpty() && grp.isVisible() != null) {
            return grp.isVisible().mode(kobj, grp.attrs().get(0), 0);
        }
        if (!grp.binAttrs().isEmpty() && grp.isBinVisible() != null) {
            return grp.isBinVisible().mode(kobj, grp.binAttrs().get(0), 0);
        }
        return 0;
    }

    private static void removeFiles(Dir parent, AttributeGroup grp) {
        for (Attribute a : grp.attrs()) {
            removeByName(parent, a.name());
        }
        for (BinAttribute a : grp.binAttrs()) {
            removeByName(parent, a.name());
        }
    }

    // kernfs_remove_by_name: a missing name is not an error.
    static void removeByName(Dir parent, String name) {
        Node n = parent.lookup(name);
        if (n != null) {
            n.remove();
        }
    }
}
