package dev.pseudofs.core;

import java.util.Objects;

/**
 * Is one entry of a {@link Tree}: a directory, a regular file or a symbolic link.
 *
 * <p>The kind never changes (kernfs {@code KERNFS_DIR/FILE/LINK}); behaviour varies through
 * the node's {@link Policy} and, for files, its {@link FileOps}. Nodes are created through
 * their parent {@link Dir} and live until {@link #remove()}; a removed node keeps answering
 * {@code fstat} on open files but nothing else (K29).
 *
 * <p>Mutable fields are written under the tree's write lock and read without it, hence
 * {@code volatile}.
 */
public abstract sealed class Node permits Dir, File, Link {
    /** The permission bits a mode may carry (rwx for u/g/o plus setuid, setgid, sticky). */
    public static final int PERMISSION_BITS = 07777;

    private final long ino;          // immutable; unique while the node exists (K5)
    private final Policy policy;     // immutable
    private final long createdNanos; // immutable: K6 times until a setattr stores its own
    private final Owner owner;       // immutable: who created it (THIS_MODULE), null for the core
    private volatile String name;
    private volatile Dir parent;     // null for the root
    private volatile int mode;       // permission bits only; the type comes from the class
    private volatile int uid;
    private volatile int gid;
    private volatile Times times;    // null until a setattr (K6)
    private volatile boolean removed;
    private volatile SimpleXattrs xattrs; // null until the first setxattr (K15)

    /** Times a setattr stored in the node (kernfs keeps a private copy, K6). */
    record Times(long atimeNanos, long mtimeNanos, long ctimeNanos) {}

    Node(Tree tree, Dir parent, String name, int mode, Policy policy) {
        this.ino = tree.nextIno();
        this.parent = parent;
        this.name = name;
        this.mode = checkMode(mode);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.createdNanos = tree.nowNanos();
        this.owner = Owner.current();
        if (parent != null) {
            this.uid = parent.uid();
            this.gid = parent.gid();
        }
    }

    static int checkMode(int mode) {
        if ((mode & ~PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("mode has bits beyond 07777: 0" + Integer.toOctalString(mode));
        }
        return mode;
    }

    /** Returns the file-type bits of {@code st_mode} for this kind of node ({@code S_IFDIR}, ...). */
    public abstract int typeBits();

    /** Returns who created this node ({@link Owner#current()} then); null for the core. */
    public Owner owner() {
        return owner;
    }

    /** Returns the tree this node belongs to. */
    public abstract Tree tree();

    /** Returns the inode number, unique among the nodes of the tree that exist. */
    public long ino() {
        return ino;
    }

    /** Returns the name in the parent directory ("" for the root). */
    public String name() {
        return name;
    }

    /** Returns the parent directory, or {@code null} for the root. */
    public Dir parent() {
        return parent;
    }

    /** Returns the permission bits (without the type bits). */
    public int mode() {
        return mode;
    }

    /** Returns the owner uid. */
    public int uid() {
        return uid;
    }

    /** Returns the owner gid. */
    public int gid() {
        return gid;
    }

    /** Returns the policy this node was created with. */
    public Policy policy() {
        return policy;
    }

    /** Returns this node's extended attributes (K15), made on first use. */
    public SimpleXattrs xattrs() {
        SimpleXattrs x = xattrs;
        if (x == null) {
            synchronized (this) {
                x = xattrs;
                if (x == null) {
                    xattrs = x = new SimpleXattrs();
                }
            }
        }
        return x;
    }

    /**
     * Returns this node's extended attributes, or null while none was ever set: a getxattr
     * needs none made (`ls -l` asks every file for security.selinux).
     */
    public SimpleXattrs xattrsIfAny() {
        return xattrs;
    }

    /** Returns whether the node has been removed from its tree. */
    public boolean isRemoved() {
        return removed;
    }

    /** Returns the absolute path of this node inside its tree, "/" for the root. */
    public String path() {
        Dir p = parent;
        if (p == null) {
            return "/";
        }
        String prefix = p.path();
        return prefix.equals("/") ? "/" + name : prefix + "/" + name;
    }

    /** Changes the permission bits, as a chmod by the owning code would (K13). */
    public void setMode(int newMode) {
        this.mode = checkMode(newMode);
        touchCtime();
        tree().attributesChanged(this);
    }

    /** Changes the owner, as a chown by the owning code would (K13, S2). */
    public void setOwner(int newUid, int newGid) {
        this.uid = newUid;
        this.gid = newGid;
        touchCtime();
        tree().attributesChanged(this);
    }

    /** Removes this node (and, for a directory, everything below it) from the tree. */
    public void remove() {
        tree().remove(this);
    }

    /** Renames this node inside its directory; EEXIST if the name is taken (S3). */
    public void rename(String newName) {
        move(parent, newName);
    }

    /** Moves this node to {@code newParent} under {@code newName}; EEXIST if taken. */
    public void move(Dir newParent, String newName) {
        tree().move(this, newParent, newName);
    }

    long atimeNanos() {
        Times t = times;
        return t == null ? createdNanos : t.atimeNanos();
    }

    long mtimeNanos() {
        Times t = times;
        return t == null ? createdNanos : t.mtimeNanos();
    }

    long ctimeNanos() {
        Times t = times;
        return t == null ? createdNanos : t.ctimeNanos();
    }

    void setTimes(long atime, long mtime, long ctime) {
        times = new Times(atime, mtime, ctime);
    }

    void touchCtime() {
        setTimes(atimeNanos(), mtimeNanos(), tree().nowNanos());
    }

    void touchMtime() {
        long now = tree().nowNanos();
        setTimes(atimeNanos(), now, now);
    }

    // Preconditions: tree write lock held.
    void attachLocked(Dir newParent, String newName) {
        this.parent = newParent;
        this.name = newName;
    }

    // Preconditions: tree write lock held.
    void markRemovedLocked() {
        removed = true;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + path() + ", ino " + ino + ")";
    }
}
