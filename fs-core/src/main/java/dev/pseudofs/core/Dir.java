package dev.pseudofs.core;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Is a directory node: named children, created by the program that owns the tree.
 *
 * <p>Programs build trees with the {@code create*} methods (the kernel's
 * {@code kernfs_create_dir}/{@code __kernfs_create_file}/{@code kernfs_create_link}); what a
 * user may do with {@code mkdir}, {@code rmdir}, {@code ln -s} and {@code rm} is decided by
 * the directory's {@link DirOps}, or refused with the policy's errnos when it has none.
 */
public final class Dir extends Node {
    private final Tree tree;
    // Guarded by tree.lock. Sorted by name, so NAME order needs no sort.
    private final TreeMap<String, Node> children = new TreeMap<>();
    private int subdirs; // guarded by tree.lock
    private volatile DirOps ops;
    private volatile DirListing listing; // last readdir result; dropped on any change here
    private volatile boolean listed;      // a listing went out since the last change
    private volatile long generation;     // changes to the names here (written under the write lock)

    Dir(Tree tree, Dir parent, String name, int mode, Policy policy) {
        super(tree, parent, name, mode, policy);
        this.tree = tree;
    }

    @Override
    public int typeBits() {
        return Stat.S_IFDIR;
    }

    @Override
    public Tree tree() {
        return tree;
    }

    /** Returns the user-facing namespace operations, or {@code null} when there are none. */
    public DirOps ops() {
        return ops;
    }

    /** Sets the operations that {@code mkdir}, {@code rmdir}, {@code ln -s} and {@code rm} call. */
    public Dir setOps(DirOps newOps) {
        this.ops = newOps;
        return this;
    }

    /** Creates a subdirectory that inherits this directory's policy and owner. */
    public Dir createDir(String name, int mode) {
        return createDir(name, mode, policy());
    }

    /** Creates a subdirectory with its own policy; EEXIST when the name is taken. */
    public Dir createDir(String name, int mode, Policy policy) {
        return tree.add(this, new Dir(tree, this, Tree.checkName(name), mode, policy));
    }

    /** Creates a file with st_size 0 (procfs, debugfs style). */
    public File createFile(String name, int mode, FileOps ops) {
        return createFile(name, mode, ops, 0);
    }

    /**
     * Creates a file with the given st_size; {@link File#PAGE_SIZE} reports the mount's page
     * size (sysfs text attributes, K2).
     */
    public File createFile(String name, int mode, FileOps ops, long size) {
        return createFile(name, mode, ops, size, policy());
    }

    /** Creates a file with its own policy; EEXIST when the name is taken. */
    public File createFile(String name, int mode, FileOps ops, long size, Policy policy) {
        return tree.add(this, new File(tree, this, Tree.checkName(name), mode, ops, size, policy));
    }

    /** Creates a symbolic link whose text is {@code target}, verbatim (debugfs, procfs). */
    public Link createLink(String name, String target) {
        return tree.add(this, Link.toText(tree, this, Tree.checkName(name), target, policy()));
    }

    /**
     * Creates a symbolic link to a node of the same tree; its text is the relative path from
     * this directory, computed at readlink time so it follows renames and moves (S27).
     */
    public Link createLink(String name, Node target) {
        return tree.add(this, Link.toNode(tree, this, Tree.checkName(name), target, policy()));
    }

    /**
     * Creates a symbolic link whose text {@code target} computes at every readlink, for links
     * that depend on the caller (/proc/self, P12); a null or empty text answers ENOENT.
     */
    public Link createLink(String name, Supplier<String> target) {
        return tree.add(this, Link.computed(tree, this, Tree.checkName(name), target, policy()));
    }

    /** Returns the child called {@code name}, or {@code null}. */
    public Node lookup(String name) {
        tree.lock.readLock().lock();
        try {
            return children.get(name);
        } finally {
            tree.lock.readLock().unlock();
        }
    }

    /** Returns a snapshot of the children, sorted by name. */
    public List<Node> children() {
        tree.lock.readLock().lock();
        try {
            return new ArrayList<>(children.values());
        } finally {
            tree.lock.readLock().unlock();
        }
    }

    /** Returns the number of children. */
    public int size() {
        tree.lock.readLock().lock();
        try {
            return children.size();
        } finally {
            tree.lock.readLock().unlock();
        }
    }

    // Preconditions: tree lock held (read or write).
    Node childLocked(String name) {
        return children.get(name);
    }

    // Preconditions: tree lock held (read or write).
    TreeMap<String, Node> childrenLocked() {
        return children;
    }

    // Preconditions: tree lock held (read or write).
    int subdirsLocked() {
        return subdirs;
    }

    DirListing cachedListing() {
        return listing;
    }

    void cacheListing(DirListing l) {
        listing = l;
    }

    // Preconditions: tree write lock held.
    boolean dropListingLocked() {
        return changedLocked();
    }

    /** Returns the count of changes to the names here, for a listing handed out to compare. */
    public long generation() {
        return generation;
    }

    // A listing was handed to a mount, which may keep it: the next change must tell it.
    void markListed() {
        listed = true;
    }

    // Preconditions: tree write lock held. Returns whether a listing was handed out since the
    // last change, i.e. whether a mount's cached listing must be dropped.
    private boolean changedLocked() {
        listing = null;
        generation++;
        boolean was = listed;
        listed = false;
        return was;
    }

    // Preconditions: tree write lock held; name free. Returns changedLocked().
    boolean putLocked(Node child) {
        boolean listed = changedLocked();
        children.put(child.name(), child);
        if (child instanceof Dir) {
            subdirs++;
        }
        return listed;
    }

    // Preconditions: tree write lock held. Returns changedLocked().
    boolean dropLocked(Node child) {
        boolean listed = changedLocked();
        if (children.remove(child.name(), child) && child instanceof Dir) {
            subdirs--;
        }
        return listed;
    }
}
