package dev.pseudofs.configfs;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.Policy;
import dev.pseudofs.core.Tree;
import dev.pseudofs.core.fuse.Mount;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Is one configfs instance: a tree whose root (0755) holds one directory per registered
 * {@link ConfigfsSubsystem}, mounted like /sys/kernel/config (G1).
 *
 * <p>Locking: one mutex serializes every namespace change (mkdir, rmdir, ln -s, rm, depend,
 * register), playing the kernel's su_mutex and configfs_symlink_mutex at once; make_item,
 * drop_item and the link callbacks run under it, as in the kernel, but never under the tree
 * lock. Attribute show/store and binary reads run without it, so they proceed concurrently
 * with mkdir and rmdir and see ENOENT once their item is gone (G8a).
 */
public final class Configfs {
    /** The configfs policy: kernfs with the differences of section 7 of the spec. */
    static final Policy POLICY = Policy.kernfs().toBuilder()
            .refresh(Policy.Refresh.ONCE)                 // G7
            .xattrs(false)                                // configfs has no xattr handlers (K15)
            .writeLimit(Policy.WriteLimit.PAGE_MINUS_ONE) // G8
            .showOverflow(Policy.ShowOverflow.EIO)        // G7
            .removedErrno(Errno.ENOENT)                   // G8a
            .order(Policy.DirOrder.NEWEST_FIRST)          // G1
            .poll(Policy.Poll.DEFAULT_MASK)               // configfs_file_operations: no poll
            .renameFlagsError(null)                       // no rename inode operation (G4)
            .build();                                     // namespace errnos: kernfs's (G1, G4, G10, G11)

    final ReentrantLock mutex = new ReentrantLock();
    private final Tree tree;
    private final Map<Node, ConfigItem> items = new ConcurrentHashMap<>();       // item dirs
    private final Map<Node, ConfigItem> linkTargets = new ConcurrentHashMap<>(); // link nodes
    private final List<Path> mountPoints = new CopyOnWriteArrayList<>();
    private final Map<String, ConfigfsSubsystem> subsystems = new HashMap<>(); // guarded by mutex

    private Configfs() {
        this.tree = Tree.create(POLICY, 0755);
    }

    /** Creates an empty configfs: a root with no subsystems. */
    public static Configfs create() {
        return new Configfs();
    }

    /** Returns the tree to mount. */
    public Tree tree() {
        return tree;
    }

    /**
     * Registers {@code subsystem}: its group, attributes and default groups appear at once as
     * a top-level directory (configfs_register_subsystem).
     *
     * @throws IllegalStateException when a subsystem of that name is registered already
     */
    public void registerSubsystem(ConfigfsSubsystem subsystem) {
        mutex.lock();
        try {
            if (subsystems.putIfAbsent(subsystem.name(), subsystem) != null) {
                throw new IllegalStateException("subsystem already registered: " + subsystem.name());
            }
            try {
                Attacher.attach(this, null, tree.root(), subsystem.group(), subsystem.name(), false);
            } catch (RuntimeException e) {
                subsystems.remove(subsystem.name());
                throw new IllegalStateException("cannot register " + subsystem.name(), e);
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Removes {@code subsystem}'s directory with everything below it
     * (configfs_unregister_subsystem); items users created are dropped first.
     */
    public void unregisterSubsystem(ConfigfsSubsystem subsystem) {
        mutex.lock();
        try {
            if (subsystems.remove(subsystem.name(), subsystem)) {
                Attacher.dropAll(this, subsystem.group());
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Returns the registered subsystem called {@code name}, or {@code null}. */
    public ConfigfsSubsystem subsystem(String name) {
        mutex.lock();
        try {
            return subsystems.get(name);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Pins {@code target} so that rmdir of it fails with EBUSY until {@link #undependItem}
     * (configfs_depend_item, G5).
     *
     * @throws FsException ENOENT when the item is not (or no longer) in the tree
     */
    public void dependItem(ConfigItem target) {
        mutex.lock();
        try {
            if (!target.isAttached() || items.get(target.dir()) != target) {
                throw FsException.notFound("not in configfs: " + target);
            }
            target.addDependents(1);
        } finally {
            mutex.unlock();
        }
    }

    /** Releases one pin taken by {@link #dependItem} (configfs_undepend_item). */
    public void undependItem(ConfigItem target) {
        mutex.lock();
        try {
            if (target.dependents() <= 0) {
                throw new IllegalStateException("undepend without depend: " + target);
            }
            target.addDependents(-1);
        } finally {
            mutex.unlock();
        }
    }

    /** Mounts the tree at {@code dir} and remembers the mount point for absolute link targets. */
    public Mount mount(Path dir, MountOptions options) {
        Mount m = Mount.mount(tree, dir, options);
        mountedAt(m.mountPoint());
        return m;
    }

    /**
     * Records that the tree is mounted at {@code dir} (for mounts made elsewhere), so that
     * {@code ln -s /that/dir/...} resolves into this tree (G10).
     */
    public void mountedAt(Path dir) {
        mountPoints.add(dir.toAbsolutePath().normalize());
    }

    List<Path> mountPoints() {
        return mountPoints;
    }

    /** Returns the item whose directory is {@code dir}, or {@code null}. */
    ConfigItem itemOf(Node dir) {
        return dir == null ? null : items.get(dir);
    }

    /** Returns the item a link node points at, or {@code null}. */
    ConfigItem linkTarget(Node link) {
        return linkTargets.get(link);
    }

    Map<Node, ConfigItem> items() {
        return items;
    }

    Map<Node, ConfigItem> linkTargets() {
        return linkTargets;
    }
}
