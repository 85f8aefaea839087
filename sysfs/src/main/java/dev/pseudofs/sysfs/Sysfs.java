package dev.pseudofs.sysfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Policy;
import dev.pseudofs.core.Tree;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Is one sysfs instance: a kernfs tree with the standard top level of {@code /sys} (S1).
 *
 * <p>The root is mode 0555; below it sit the kobjects and ksets the kernel registers at boot
 * ({@code kernel devices class bus module fs firmware power block dev}), and the empty mount
 * points {@code kernel/debug}, {@code kernel/tracing}, {@code kernel/security} and
 * {@code kernel/config} (K10). Mount {@link #tree()} with {@code Mount.mount}.
 */
public final class Sysfs {
    /**
     * Compares a stored string with an expected one ignoring one trailing newline on either
     * side (sysfs_streq), as a store that takes one of a list of words does.
     */
    public static boolean streq(String s1, String s2) {
        return chomp(s1).equals(chomp(s2));
    }

    /** Returns {@code s} without one trailing newline. */
    static String chomp(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * The policy of empty mount-point directories: nothing can be created inside, and every
     * attempt answers ENOENT (kernfs_create_empty_dir, K10).
     */
    private static final Policy MOUNT_POINT = Policy.kernfs().toBuilder()
            .mkdirError(Errno.ENOENT)
            .createError(Errno.ENOENT)
            .symlinkError(Errno.ENOENT)
            .mknodError(Errno.ENOENT)
            .linkError(Errno.ENOENT)
            .newNameError(Errno.ENOENT)
            .build();

    private final Tree tree;
    private final Kobject root;
    private final Kobject kernel;
    private final Kset devices;
    private final Kset classes;
    private final Kset bus;
    private final Kset module;
    private final Kobject fs;
    private final Kobject firmware;
    private final Kobject power;
    private final Kobject block;
    private final Kobject dev;
    private final Map<String, Module> modules = new ConcurrentHashMap<>();

    private Sysfs() {
        tree = Tree.create(Policy.kernfs(), 0555); // S1: /sys is 0555
        root = new Kobject("", KobjType.DYNAMIC, tree.root());
        // The kobjects and ksets of the boot sequence (kernel_kobj, devices_kset, ...).
        kernel = Kobject.createAndAdd("kernel", root);
        devices = Kset.createAndAdd("devices", root);
        classes = Kset.createAndAdd("class", root);
        bus = Kset.createAndAdd("bus", root);
        module = Kset.createAndAdd("module", root);
        fs = Kobject.createAndAdd("fs", root);
        firmware = Kobject.createAndAdd("firmware", root);
        power = Kobject.createAndAdd("power", root);
        block = Kobject.createAndAdd("block", root);
        dev = Kobject.createAndAdd("dev", root);
        Kobject.createAndAdd("block", dev); // sysfs_dev_block_kobj
        Kobject.createAndAdd("char", dev);  // sysfs_dev_char_kobj
        for (String mp : new String[] {"debug", "tracing", "security", "config"}) {
            createMountPoint(kernel, mp);
        }
    }

    /** Returns a new sysfs tree with the standard top level. */
    public static Sysfs create() {
        return new Sysfs();
    }

    /** Returns the tree to mount. */
    public Tree tree() {
        return tree;
    }

    /** Returns the kobject of {@code /sys} itself, the parent of top-level kobjects. */
    public Kobject root() {
        return root;
    }

    /** Returns {@code /sys/kernel} (kernel_kobj). */
    public Kobject kernel() {
        return kernel;
    }

    /** Returns {@code /sys/devices} (devices_kset). */
    public Kset devices() {
        return devices;
    }

    /** Returns {@code /sys/class} (class_kset). */
    public Kset classes() {
        return classes;
    }

    /** Returns {@code /sys/bus} (bus_kset). */
    public Kset bus() {
        return bus;
    }

    /** Returns {@code /sys/module} (module_kset). */
    public Kset module() {
        return module;
    }

    /** Returns {@code /sys/fs} (fs_kobj). */
    public Kobject fs() {
        return fs;
    }

    /** Returns {@code /sys/firmware} (firmware_kobj). */
    public Kobject firmware() {
        return firmware;
    }

    /** Returns {@code /sys/power} (power_kobj). */
    public Kobject power() {
        return power;
    }

    /** Returns {@code /sys/block}. */
    public Kobject block() {
        return block;
    }

    /** Returns {@code /sys/dev} (dev_kobj). */
    public Kobject dev() {
        return dev;
    }

    /**
     * Creates an empty directory other filesystems mount on (sysfs_create_mount_point, K10):
     * mode 0555, nlink 2, and nothing can be created inside.
     */
    public Dir createMountPoint(Kobject parent, String name) {
        return parent.requireDir().createDir(name, 0555, MOUNT_POINT);
    }

    /** Returns the module called {@code name}, adding {@code /sys/module/<name>} on first use. */
    public Module module(String name) {
        return modules.computeIfAbsent(name, n -> new Module(this, n));
    }

    /** Removes {@code /sys/module/<name>} and forgets the module (module unload). */
    public void removeModule(String name) {
        Module m = modules.remove(name);
        if (m != null) {
            m.kobject().put();
        }
    }

    /** Creates link {@code name} in {@code /sys} itself (sysfs_create_link with a NULL kobject). */
    public Link createLink(Kobject target, String name) {
        return createLinkIn(tree.root(), target, name);
    }

    // sysfs_do_create_link_sd: the target must be in sysfs (ENOENT), the name free (EEXIST).
    static Link createLinkIn(Dir where, Kobject target, String name) {
        Dir t = target.dir();
        if (t == null || t.isRemoved()) {
            throw new FsException(Errno.ENOENT, "link target not in sysfs: " + target.name());
        }
        return where.createLink(name, t);
    }
}
