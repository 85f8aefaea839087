package dev.pseudofs.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Is a tree of nodes that one mount serves: the kernel's kernfs root.
 *
 * <p>Programs build the tree through {@link #root()} and the {@code create*} methods of
 * {@link Dir}; the FUSE bridge calls the node-level operations here ({@link #lookup},
 * {@link #open}, {@link #mkdir}, ...) with the {@link Context} of each request (its caller,
 * interrupt state and whether the kernel holds the directory's lock), and encodes what they
 * return. Everything is plain Java, so a test can drive a tree exactly as the kernel would,
 * without a mount.
 *
 * <p>Locking: one read-write lock guards the shape of the tree (every directory's children).
 * Lookups and readdir take it for reading; add, remove and move take it for writing. User
 * code (show, store, generators, {@link DirOps}) never runs while it is held, so a callback
 * may itself add or remove nodes. Per-open state has its own lock in {@link OpenFile}.
 */
public final class Tree {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong inodes = new AtomicLong(0); // kernfs cyclic id allocator (K5)
    private final Clock clock;
    private final Dir root;
    private volatile int pageSize = 4096;
    private final List<TreeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean immutableContent; // every file is, see declareImmutableContent
    private List<Runnable> pending; // notices held back while the write lock is held; guarded by lock

    private Tree(Policy rootPolicy, int rootMode, Clock clock) {
        this.clock = clock;
        this.root = new Dir(this, null, "", rootMode, rootPolicy);
    }

    /** Creates a kernfs tree whose root directory is mode 0755. */
    public static Tree create() {
        return create(Policy.kernfs(), 0755);
    }

    /** Creates a tree whose root has the given policy and mode. */
    public static Tree create(Policy rootPolicy, int rootMode) {
        return create(rootPolicy, rootMode, Clock.systemUTC());
    }

    /** Creates a tree that takes its timestamps from {@code clock} (tests inject a fake one). */
    public static Tree create(Policy rootPolicy, int rootMode, Clock clock) {
        return new Tree(rootPolicy, rootMode, clock);
    }

    /** Returns the root directory. */
    public Dir root() {
        return root;
    }

    /** Returns the page size that bounds show/store files (4096 unless the mount says otherwise). */
    public int pageSize() {
        return pageSize;
    }

    /** Sets the page size; a power of two of at least 4096. */
    public void setPageSize(int size) {
        if (size < 4096 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("page size must be a power of two >= 4096: " + size);
        }
        this.pageSize = size;
    }

    /**
     * Declares every file of this tree, now and later, immutable ({@link File#declareImmutable}):
     * a mount may then skip OPEN and RELEASE altogether (FUSE's no-open mode), so an open of a
     * file whose pages the kernel holds costs no round trip. For trees of recorded or fixed
     * content only: no show/store attribute, no seq file, and st_size the exact length of each.
     */
    public void declareImmutableContent() {
        immutableContent = true;
    }

    /** Returns whether {@link #declareImmutableContent()} was called. */
    public boolean hasImmutableContent() {
        return immutableContent;
    }

    /** Adds a listener that hears about removed names and changed attributes. */
    public void addListener(TreeListener l) {
        listeners.add(l);
    }

    /** Removes a listener added by {@link #addListener}. */
    public void removeListener(TreeListener l) {
        listeners.remove(l);
    }

    void attributesChanged(Node node) {
        tell(() -> {
            for (TreeListener l : listeners) {
                l.attributesChanged(node);
            }
        });
    }

    void contentChanged(File file) {
        tell(() -> {
            for (TreeListener l : listeners) {
                l.contentChanged(file);
            }
        });
    }

    // A mount may keep a directory's listing (FOPEN_CACHE_DIR): drop it when the names change.
    private void childrenChanged(Dir dir, boolean listed) {
        if (listed) {
            tell(() -> {
                for (TreeListener l : listeners) {
                    l.childrenChanged(dir);
                }
            });
        }
    }

    private void detached(Dir parent, String name, Node node) {
        tell(() -> {
            for (TreeListener l : listeners) {
                l.detached(parent, name, node);
            }
        });
    }

    // Listeners and poll wake-ups run after the outermost unlock: inside atomically() the change
    // is queued, so a notice to the kernel (which may call back into the tree) is never written
    // under the lock. Only the write lock's holder touches the queue.
    void tell(Runnable notice) {
        if (lock.isWriteLockedByCurrentThread()) {
            if (pending == null) {
                pending = new ArrayList<>();
            }
            pending.add(notice);
        } else {
            notice.run();
        }
    }

    long nextIno() {
        return inodes.incrementAndGet();
    }

    /**
     * Removes every node {@code owner} created (the kernel's module unload), topmost first: a
     * directory it created goes with everything below it; a node it created in someone else's
     * directory goes alone. Returns how many subtrees were removed.
     */
    public int removeOwned(Owner owner) {
        int removed = 0;
        List<Dir> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Dir dir = pending.remove(pending.size() - 1);
            for (Node child : dir.children()) {
                if (child.owner() == owner) {
                    child.remove();
                    removed++;
                } else if (child instanceof Dir d) {
                    pending.add(d);
                }
            }
        }
        return removed;
    }

    long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    // ---- lookup -----------------------------------------------------------------------

    /**
     * Returns the node at {@code path} ("/a/b"), without following symbolic links (the kernel
     * resolves links before FUSE sees a path).
     *
     * @throws FsException ENOENT when a component is missing, ENOTDIR when one is not a directory
     */
    public Node resolve(String path) {
        return resolve(Context.KERNEL, path);
    }

    /** Returns the node at {@code path} as {@link #resolve(String)}, for {@code ctx}. */
    public Node resolve(Context ctx, String path) {
        for (int attempt = 0; ; attempt++) {
            Miss miss;
            lock.readLock().lock();
            try {
                Object found = resolveLocked(path);
                if (found instanceof Node node) {
                    return node;
                }
                miss = (Miss) found;
            } finally {
                lock.readLock().unlock();
            }
            // A directory that fills itself on demand gets a chance, without the lock held.
            DirOps ops = miss.dir().ops();
            if (ops == null || attempt > 8 || dirLookup(ctx, ops, miss.dir(), miss.name()) == null) {
                throw FsException.notFound(path);
            }
        }
    }

    /**
     * Returns the child {@code name} of {@code dir}, giving a directory that fills itself on
     * demand its chance (the kernel's per-component lookup).
     *
     * @throws FsException ENOENT when there is no such child
     */
    public Node lookup(Dir dir, String name) {
        return lookup(Context.KERNEL, dir, name);
    }

    /** Returns the child {@code name} of {@code dir} for the request {@code ctx}; see {@link #lookup(Dir, String)}. */
    public Node lookup(Context ctx, Dir dir, String name) {
        if (dir.isRemoved()) {
            throw FsException.notFound(name); // kernfs_iop_lookup: nothing below a removed node
        }
        Node node = dir.lookup(name);
        DirOps ops = dir.ops();
        if (node != null) {
            if (ops != null && !ops.shows(node, ctx.caller())) {
                throw FsException.notFound(name);
            }
            return node;
        }
        if (ops != null) {
            node = dirLookup(ctx, ops, dir, name);
            if (node != null) {
                return node;
            }
        }
        throw FsException.notFound(name);
    }

    private static Node dirLookup(Context ctx, DirOps ops, Dir dir, String name) {
        Caller previous = Caller.swap(ctx.caller());
        try {
            return ops.lookup(dir, name, ctx.caller());
        } finally {
            Caller.restore(previous);
        }
    }

    /**
     * Returns whether the kernel must ask again for {@code node} on every walk: its directory's
     * {@link DirOps#revalidate} (the kernel's d_revalidate), run for {@code ctx}.
     */
    public boolean revalidate(Context ctx, Node node) {
        Dir parent = node.parent();
        DirOps ops = parent == null ? null : parent.ops();
        if (ops == null) {
            return false;
        }
        Caller previous = Caller.swap(ctx.caller());
        try {
            return ops.revalidate(node);
        } finally {
            Caller.restore(previous);
        }
    }

    /** A name missing from a directory during a path walk. */
    private record Miss(Dir dir, String name) {}

    // Preconditions: lock held (read or write). One map lookup per component, no splitting.
    // Returns the Node, or a Miss for the first missing component.
    private Object resolveLocked(String path) {
        Node node = root;
        int len = path.length();
        int start = 0;
        while (start < len) {
            while (start < len && path.charAt(start) == '/') {
                start++;
            }
            if (start == len) {
                break;
            }
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = len;
            }
            if (!(node instanceof Dir dir)) {
                throw new FsException(Errno.ENOTDIR, path);
            }
            String name = path.substring(start, end);
            node = dir.childLocked(name);
            if (node == null) {
                return new Miss(dir, name);
            }
            start = end;
        }
        return node;
    }

    /** Returns the directory at {@code path}; ENOTDIR when it is not one. */
    public Dir resolveDir(String path) {
        if (resolve(path) instanceof Dir dir) {
            return dir;
        }
        throw new FsException(Errno.ENOTDIR, path);
    }

    /** Returns the stat(2) fields of {@code node} as the program sees them (K2-K4, P3, C1). */
    public Stat stat(Node node) {
        return stat(Context.KERNEL, node);
    }

    /** Returns the stat(2) fields of {@code node} for {@code ctx} (a computed link's size is its caller's). */
    public Stat stat(Context ctx, Node node) {
        long size = 0;
        int nlink = 1;
        if (node instanceof File f) {
            size = f.size();
        } else if (node instanceof Link l) {
            size = l.size(ctx);
        } else if (node instanceof Dir d && node.policy().nlinkCountsSubdirs()) {
            lock.readLock().lock();
            try {
                nlink = 2 + d.subdirsLocked();
            } finally {
                lock.readLock().unlock();
            }
        }
        Policy p = node.policy();
        return new Stat(node.ino(), node.typeBits() | node.mode(), nlink, node.uid(), node.gid(),
                size, p.blockSize(), node.atimeNanos(), node.mtimeNanos(), node.ctimeNanos());
    }

    /** Returns the entries of {@code dir} in its policy's order, "." and ".." first (K11). */
    public DirListing readdir(Dir dir) {
        return readdir(Context.KERNEL, dir);
    }

    /** Returns the entries of {@code dir} for the request {@code ctx}; see {@link #readdir(Dir)}. */
    public DirListing readdir(Context ctx, Dir dir) {
        DirOps ops = dir.ops();
        if (ops == null) {
            return listing(dir);
        }
        Caller caller = ctx.caller();
        Caller previous = Caller.swap(caller);
        try {
            ops.readdir(dir, caller);
        } finally {
            Caller.restore(previous);
        }
        DirListing all = listing(dir);
        if (!HIDES.get(ops.getClass())) {
            return all;
        }
        return all.without(n -> !ops.shows(n, caller));
    }

    // Whether a DirOps class overrides shows(): only those listings are filtered per caller.
    private static final ClassValue<Boolean> HIDES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return !type.getMethod("shows", Node.class, Caller.class).isDefault();
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    private DirListing listing(Dir dir) {
        dir.markListed(); // before the snapshot: a change after it tells the mounts
        DirListing cached = dir.cachedListing(); // valid until the directory changes
        if (cached != null) {
            return cached;
        }
        List<Node> kids;
        lock.readLock().lock();
        try {
            kids = new ArrayList<>(dir.childrenLocked().values());
        } finally {
            lock.readLock().unlock();
        }
        Policy.DirOrder order = dir.policy().order();
        boolean hashed = order == Policy.DirOrder.KERNFS_HASH;
        long[] hashes = null;
        switch (order) {
            case NAME -> { } // the map is sorted by name already
            case CREATION -> kids.sort(Comparator.comparingLong(Node::ino));
            case NEWEST_FIRST -> kids.sort(Comparator.comparingLong(Node::ino).reversed());
            case LENGTH_THEN_NAME -> kids.sort(Comparator.comparingInt((Node n) -> n.name().length())
                    .thenComparing(Node::name));
            case KERNFS_HASH -> {
                kids.sort(Comparator.comparingLong((Node n) -> KernfsHash.of(n.name()))
                        .thenComparing(Node::name));
                hashes = new long[kids.size()];
                for (int i = 0; i < hashes.length; i++) {
                    hashes[i] = KernfsHash.of(kids.get(i).name());
                }
            }
        }
        int n = kids.size() + 2;
        long[] positions = new long[n];
        for (int i = 0; i < n; i++) {
            positions[i] = hashed && i >= 2 ? hashes[i - 2] : i;
        }
        List<DirEntry> entries = new ArrayList<>(n);
        Node[] nodes = new Node[n];
        Dir up = dir.parent() == null ? dir : dir.parent();
        for (int i = 0; i < n; i++) {
            long next = i + 1 < n ? positions[i + 1] : (hashed ? DirListing.END : n);
            Node node = i == 0 ? dir : i == 1 ? up : kids.get(i - 2);
            String name = i == 0 ? "." : i == 1 ? ".." : node.name();
            entries.add(new DirEntry(name, node.ino(), node.typeBits(), next));
            nodes[i] = node;
        }
        DirListing listing = new DirListing(entries, positions, hashed, nodes);
        lock.readLock().lock();
        try {
            if (dir.childrenLocked().size() == kids.size() && !dir.isRemoved()) {
                // Cache only if nothing changed meanwhile: a change clears the cache under the
                // write lock, and we saw the same children under the read lock.
                cacheIfUnchanged(dir, kids, listing);
            }
        } finally {
            lock.readLock().unlock();
        }
        return listing;
    }

    // Preconditions: read lock held.
    private static void cacheIfUnchanged(Dir dir, List<Node> kids, DirListing listing) {
        for (Node k : kids) {
            if (dir.childLocked(k.name()) != k) {
                return;
            }
        }
        dir.cacheListing(listing);
    }

    // ---- open ---------------------------------------------------------------------------

    /** The O_ACCMODE bits of open(2) flags. */
    public static final int O_ACCMODE = 3;
    /** Open for writing only. */
    public static final int O_WRONLY = 1;
    /** Open for reading and writing. */
    public static final int O_RDWR = 2;

    /**
     * Opens {@code node} as the kernel's open would, after its own DAC check: applies the
     * policy's extra check (K17, C3) and lets the content kind set up per-open state.
     */
    public OpenFile open(Context ctx, Node node, int flags) {
        if (node instanceof Dir) {
            throw new FsException(Errno.EISDIR, node.path());
        }
        if (!(node instanceof File file)) {
            throw new FsException(Errno.ELOOP, node.path()); // O_NOFOLLOW on a link (S27)
        }
        return OpenFile.open(file, flags, ctx);
    }

    /** Opens {@code node} for the program itself, as {@code caller} (a test, a dump). */
    public OpenFile open(Node node, int flags, Caller caller) {
        return open(Context.of(caller), node, flags);
    }

    // ---- namespace operations a user attempts ------------------------------------------------
    // Each one the kernel's inode operation of the same name, after the VFS's own checks; the
    // DirOps callbacks run with the request's caller as Caller.current().

    /** Handles mkdir(2) of {@code name} inside {@code parent}: the directory's {@link DirOps} or the policy's errno. */
    public void mkdir(Context ctx, Dir parent, String name, int mode) {
        checkNewName(parent, name, "mkdir");
        DirOps ops = parent.ops();
        if (ops == null) {
            throw new FsException(parent.policy().mkdirError(), "mkdir " + name);
        }
        Caller previous = Caller.swap(ctx.caller());
        try {
            ops.mkdir(parent, name, mode & Node.PERMISSION_BITS, ctx.caller());
        } finally {
            Caller.restore(previous);
        }
    }

    /** Handles rmdir(2) of {@code node}. */
    public void rmdir(Context ctx, Node node) {
        if (!(node instanceof Dir dir)) {
            throw new FsException(Errno.ENOTDIR, node.path());
        }
        Dir parent = dir.parent();
        DirOps ops = parent == null ? null : parent.ops();
        if (ops == null) {
            throw new FsException(dir.policy().removeError(), "rmdir " + node.path());
        }
        Caller previous = Caller.swap(ctx.caller());
        try {
            ops.rmdir(parent, dir, ctx.caller());
        } finally {
            Caller.restore(previous);
        }
    }

    /** Handles unlink(2) of {@code node}. */
    public void unlink(Context ctx, Node node) {
        if (node instanceof Dir) {
            throw new FsException(Errno.EISDIR, node.path());
        }
        DirOps ops = node.parent().ops();
        if (ops == null) {
            throw new FsException(node.policy().removeError(), "unlink " + node.path());
        }
        Caller previous = Caller.swap(ctx.caller());
        try {
            ops.unlink(node.parent(), node, ctx.caller());
        } finally {
            Caller.restore(previous);
        }
    }

    /** Handles symlink(2): a link {@code name} inside {@code parent} with text {@code target}. */
    public void symlink(Context ctx, String target, Dir parent, String name) {
        checkNewName(parent, name, "symlink");
        DirOps ops = parent.ops();
        if (ops == null) {
            throw new FsException(parent.policy().symlinkError(), "symlink " + name);
        }
        Caller previous = Caller.swap(ctx.caller());
        try {
            ops.symlink(parent, name, target, ctx.caller());
        } finally {
            Caller.restore(previous);
        }
    }

    /** Handles open(O_CREAT) of {@code name} inside {@code parent} (K9, P9, D3, G11). */
    public void create(Context ctx, Dir parent, String name) {
        checkNewName(parent, name, "create");
        throw new FsException(parent.policy().createError(), "create " + name);
    }

    /**
     * Handles mknod(2) of {@code name} inside {@code parent}: no pseudo file system has this
     * inode operation, so the VFS answers EPERM where the name is free (K9, D3, G11), ENOENT
     * where the lookup already failed (P9).
     */
    public void mknod(Context ctx, Dir parent, String name) {
        checkNewName(parent, name, "mknod");
        throw new FsException(parent.policy().mknodError(), "mknod " + name);
    }

    /**
     * Handles link(2) of {@code target} as {@code name} inside {@code parent}: no pseudo file
     * system has this inode operation (K9, D3, G11; P9 where the lookup already failed).
     */
    public void link(Context ctx, Node target, Dir parent, String name) {
        checkNewName(parent, name, "link");
        throw new FsException(parent.policy().linkError(), "link " + name + " to " + target.path());
    }

    /**
     * Handles rename(2) and renameat2(2) of {@code node} to {@code newName} in {@code newParent}
     * with {@code flags} (RENAME_NOREPLACE 1, RENAME_EXCHANGE 2; the kernel has checked their
     * combination and the destination's existence): the policy's errno, or ENOENT where the
     * kernel's lookup of a free destination name fails first (P9), or the policy's errno for
     * flags where the file system's rename refuses them (K8).
     */
    public void rename(Context ctx, Node node, Dir newParent, String newName, int flags) {
        Errno newNameError = newParent.policy().newNameError();
        if (newNameError != null && newParent.lookup(newName) == null) {
            throw new FsException(newNameError, "rename to " + newName);
        }
        Errno flagsError = node.policy().renameFlagsError();
        if (flags != 0 && flagsError != null) {
            throw new FsException(flagsError, "rename with flags 0x" + Integer.toHexString(flags));
        }
        throw new FsException(node.policy().renameError(), "rename " + node.path());
    }

    // The checks before an operation that makes a new name: too long, taken, or a directory
    // whose lookup fails for names it does not have (P9, K10).
    private static void checkNewName(Dir parent, String name, String op) {
        checkUserName(name);
        if (parent.lookup(name) != null) {
            throw new FsException(Errno.EEXIST, name);
        }
        Errno newNameError = parent.policy().newNameError();
        if (newNameError != null) {
            throw new FsException(newNameError, op + " " + name);
        }
    }

    /** Handles chmod(2) of {@code node}: keeps the type, replaces the permission bits (K13), or the policy's errno. */
    public void chmod(Context ctx, Node node, int mode) {
        Errno refused = node.policy().chmodError();
        if (refused != null) {
            throw new FsException(refused, "chmod " + node.path());
        }
        if (!(node instanceof Link)) {
            node.setMode(mode & Node.PERMISSION_BITS);
        }
    }

    /** Handles chown(2) of {@code node}; -1 keeps a value (K13), or the policy's errno. */
    public void chown(Context ctx, Node node, int uid, int gid) {
        Errno refused = node.policy().chownError();
        if (refused != null) {
            throw new FsException(refused, "chown " + node.path());
        }
        node.setOwner(uid == -1 ? node.uid() : uid, gid == -1 ? node.gid() : gid);
    }

    /** Handles truncate(2) and O_TRUNC: accepted, size unchanged, mtime and ctime now (K14, T7). */
    public void truncate(Context ctx, Node node) {
        if (node instanceof Dir) {
            throw new FsException(Errno.EISDIR, node.path());
        }
        node.touchMtime();
    }

    /** Handles utimensat(2) of {@code node}; {@code null} means "now". */
    public void utimens(Context ctx, Node node, Instant atime, Instant mtime) {
        long now = nowNanos();
        node.setTimes(atime == null ? now : toNanos(atime), mtime == null ? now : toNanos(mtime), now);
    }

    private static long toNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    // ---- structural changes by the program ---------------------------------------------------

    /**
     * Runs {@code build} with the tree's write lock held, so that the nodes it creates or removes
     * appear to lookups and readdir all at once (configfs attaches a populated directory, G3).
     * {@code build} must only create and remove nodes: it must not call user code or block.
     */
    public void atomically(Runnable build) {
        List<Runnable> q = null;
        lock.writeLock().lock(); // reentrant: the create/remove calls inside take it again
        try {
            build.run();
        } finally {
            if (lock.getWriteHoldCount() == 1) { // the outermost block: take what it queued
                q = pending;
                pending = null;
            }
            lock.writeLock().unlock();
        }
        if (q != null) {
            for (Runnable notice : q) {
                notice.run();
            }
        }
    }


    <T extends Node> T add(Dir parent, T child) {
        boolean listed;
        lock.writeLock().lock();
        try {
            if (parent.isRemoved()) {
                throw new FsException(Errno.ENOENT, "parent removed: " + parent.path());
            }
            if (parent.childLocked(child.name()) != null) {
                throw new FsException(Errno.EEXIST, "duplicate name: " + child.path());
            }
            listed = parent.putLocked(child);
        } finally {
            lock.writeLock().unlock();
        }
        childrenChanged(parent, listed);
        subdirsChanged(parent, child);
        return child;
    }

    // A directory's nlink counts its subdirectories (K3): what the kernel cached is stale.
    private void subdirsChanged(Dir parent, Node child) {
        if (child instanceof Dir && parent.policy().nlinkCountsSubdirs()) {
            attributesChanged(parent);
        }
    }

    void remove(Node node) {
        if (node == root) {
            throw new IllegalArgumentException("cannot remove the root");
        }
        List<File> files = new ArrayList<>();
        Dir parent;
        String name;
        boolean listed;
        lock.writeLock().lock();
        try {
            if (node.isRemoved()) {
                return;
            }
            parent = node.parent();
            name = node.name();
            listed = parent.dropLocked(node);
            markRemovedLocked(node, files);
        } finally {
            lock.writeLock().unlock();
        }
        childrenChanged(parent, listed);
        detached(parent, name, node);
        subdirsChanged(parent, node);
        for (File f : files) {
            f.wakePollers(); // removed files poll with POLLERR|POLLPRI (K29)
        }
    }

    /**
     * Deactivates the whole tree at once, as when the file system itself goes away (the server
     * stopping): the names stay in place, but lookups fail, open files get the removed-node
     * answers and blocked pollers wake with them (K29, K33). Listeners hear nothing: the mount
     * is about to go, and telling the kernel about each name would only delay that.
     */
    public void deactivate() {
        List<File> files = new ArrayList<>();
        lock.writeLock().lock();
        try {
            markRemovedLocked(root, files);
        } finally {
            lock.writeLock().unlock();
        }
        for (File f : files) {
            f.wakePollers();
        }
    }

    // Preconditions: write lock held.
    private static void markRemovedLocked(Node node, List<File> files) {
        node.markRemovedLocked();
        if (node instanceof File f) {
            files.add(f);
        } else if (node instanceof Dir d) {
            for (Node child : d.childrenLocked().values()) {
                markRemovedLocked(child, files);
            }
        }
    }

    void move(Node node, Dir newParent, String newName) {
        checkName(newName);
        Dir oldParent;
        String oldName;
        boolean oldListed;
        boolean newListed;
        boolean movedListed = false;
        lock.writeLock().lock();
        try {
            oldParent = node.parent();
            oldName = node.name();
            if (node.isRemoved() || newParent.isRemoved()) {
                throw new FsException(Errno.ENOENT, "removed: " + node.path());
            }
            for (Node a = newParent; a != null; a = a.parent()) {
                if (a == node) {
                    throw new IllegalArgumentException("cannot move " + node + " below itself");
                }
            }
            Node existing = newParent.childLocked(newName);
            if (existing == node) {
                return;
            }
            if (existing != null) {
                throw new FsException(Errno.EEXIST, "duplicate name: " + newName);
            }
            oldListed = node.parent().dropLocked(node);
            node.attachLocked(newParent, newName);
            newListed = newParent.putLocked(node);
            if (node instanceof Dir d) {
                movedListed = d.dropListingLocked(); // its ".." changed
            }
        } finally {
            lock.writeLock().unlock();
        }
        childrenChanged(oldParent, oldListed);
        childrenChanged(newParent, newListed);
        if (node instanceof Dir d) {
            childrenChanged(d, movedListed);
        }
        detached(oldParent, oldName, node);
        subdirsChanged(oldParent, node);
        subdirsChanged(newParent, node);
    }

    // ---- names ------------------------------------------------------------------------

    /** Checks a name a program chose; a bad one is a programmer error (K8 name rules). */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid node name: \"" + name + "\"");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("node name longer than 255 bytes: " + name);
        }
        return name;
    }

    private static String checkUserName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new FsException(Errno.ENAMETOOLONG, name);
        }
        return name;
    }

}
