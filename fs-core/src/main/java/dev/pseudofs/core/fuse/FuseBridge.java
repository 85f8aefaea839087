package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.DirListing;
import dev.pseudofs.core.DirOps;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.PollWaiter;
import dev.pseudofs.core.Stat;
import dev.pseudofs.core.Tree;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates libfuse 2 low-level requests into {@link Tree} calls: the only class that answers
 * FUSE requests.
 *
 * <p>Requests name nodes by id (our inode numbers, see {@link NodeTable}), so nothing is
 * resolved by path. Every request runs with its {@link Caller} and converts failures in one
 * place: {@link FsException} becomes its errno; anything else becomes EIO, is logged once, and
 * the server keeps serving.
 *
 * <p>Names and attributes may stay in the kernel's caches for {@code entryTimeout} and
 * {@code attrTimeout} seconds because the bridge tells the kernel at once when a name leaves a
 * directory or a node's mode or owner changes ({@link Invalidation}), so a removed node is gone
 * for the very next walk (K29). Names a directory wants checked every time
 * ({@link DirOps#revalidate}) get zero timeouts. Open files get {@code direct_io}, so every
 * read reaches the content with the kernel's sizes reported verbatim (T1), and
 * {@code nonseekable} where the content says so.
 *
 * <p>OPEN, READ and RELEASE, the requests of every open+read+close, are decoded and answered
 * here from the raw request ({@link #answer}); libfuse dispatches the rest to the callbacks.
 */
public final class FuseBridge {
    private static final Logger log = LoggerFactory.getLogger(FuseBridge.class);
    private static final int O_TRUNC = 01000;

    private final Tree tree;
    private final LibFuse fuse;
    private final Runtime runtime;
    private final NodeTable nodes;
    private final double entryTimeout;
    private final double attrTimeout;
    private final ConcurrentHashMap<Long, OpenFile> files = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, DirHandle> dirs = new ConcurrentHashMap<>();
    private final AtomicLong nextFh = new AtomicLong(1);
    private final CountDownLatch initialized = new CountDownLatch(1);
    private final boolean trace = log.isDebugEnabled();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final List<Object> closures = new ArrayList<>(); // referenced while libfuse may call them
    private final Pointer ops;
    private volatile Session session;
    private volatile Invalidation invalidation;

    /** Is the state of one open directory: the listing taken at its first readdir. */
    private static final class DirHandle {
        final Dir dir;
        volatile DirListing listing;

        DirHandle(Dir dir) {
            this.dir = dir;
        }
    }

    /** Is a worker thread's native scratch memory and what kind of request it serves. */
    private final class Scratch {
        final Pointer entry = runtime.getMemoryManager().allocateDirect(Layout.ENTRY_SIZE, true);
        final Pointer stat = runtime.getMemoryManager().allocateDirect(Layout.STAT_SIZE, true);
        final Pointer iov = runtime.getMemoryManager().allocateDirect(16, true);
        ByteBuffer out;
        Pointer outPtr;
        byte[] in = new byte[4096];

        ByteBuffer out(long size) {
            if (out == null || out.capacity() < size + 512) {
                out = ByteBuffer.allocateDirect((int) size + 512).order(ByteOrder.nativeOrder());
                outPtr = Pointer.wrap(runtime, out);
            }
            out.clear();
            return out;
        }

        byte[] in(long size) {
            if (in.length < size) {
                in = new byte[(int) size];
            }
            return in;
        }
    }

    /**
     * Creates a bridge for {@code tree}, loading libfuse 2.
     *
     * @param entryTimeout seconds the kernel may keep a name
     * @param attrTimeout seconds the kernel may keep attributes
     * @throws LinkageError when libfuse.so.2 cannot be loaded
     */
    public FuseBridge(Tree tree, double entryTimeout, double attrTimeout) {
        this.tree = tree;
        this.entryTimeout = entryTimeout;
        this.attrTimeout = attrTimeout;
        this.fuse = LibraryLoader.create(LibFuse.class).failImmediately().load("libfuse.so.2");
        this.runtime = Runtime.getRuntime(fuse);
        this.nodes = new NodeTable(tree.root());
        this.ops = operations();
    }

    /**
     * Mounts at {@code mountPoint} with libfuse's mount options {@code args}; the caller then
     * runs {@link #serve()} on a thread of its own.
     *
     * @return false when libfuse refused (it printed why)
     */
    public boolean mount(String mountPoint, List<String> args, boolean singleThreaded) {
        Session s = Session.open(fuse, runtime, mountPoint, args, ops, singleThreaded);
        if (s == null) {
            return false;
        }
        session = s;
        invalidation = new Invalidation(fuse, nodes, s);
        tree.addListener(invalidation);
        return true;
    }

    /** Serves requests until the file system is unmounted, then frees the session. */
    public void serve() {
        try {
            session.serve(this::answer, id -> {
                Node n = nodes.find(id);
                return n == null ? null : n.owner();
            });
        } finally {
            tree.removeListener(invalidation);
            session.destroy();
            invalidation.close();
        }
    }

    /** Returns how long no request has been in hand (0 while one is being answered). */
    public long idleNanos() {
        Session s = session;
        return s == null ? 0 : s.idleNanos();
    }

    /** Waits until the kernel has sent INIT, i.e. the mount is live; false on timeout. */
    public boolean awaitInit(long millis) throws InterruptedException {
        return initialized.await(millis, TimeUnit.MILLISECONDS);
    }

    // ---- the operations table ------------------------------------------------------------------

    private Pointer operations() {
        Pointer table = runtime.getMemoryManager().allocateDirect((long) Layout.OPS_COUNT * 8, true);
        set(table, Layout.OP_INIT, LibFuse.Init.class, (LibFuse.Init) this::init);
        set(table, Layout.OP_LOOKUP, LibFuse.ReqLongPtr.class, (LibFuse.ReqLongPtr) this::lookup);
        set(table, Layout.OP_FORGET, LibFuse.ReqLongLong.class, (LibFuse.ReqLongLong) this::forget);
        set(table, Layout.OP_FORGET_MULTI, LibFuse.ReqLongPtr.class, (LibFuse.ReqLongPtr) this::forgetMulti);
        set(table, Layout.OP_GETATTR, LibFuse.ReqLongPtr.class, (LibFuse.ReqLongPtr) this::getattr);
        set(table, Layout.OP_SETATTR, LibFuse.SetAttr.class, (LibFuse.SetAttr) this::setattr);
        set(table, Layout.OP_READLINK, LibFuse.ReqLong.class, (LibFuse.ReqLong) this::readlink);
        set(table, Layout.OP_MKNOD, LibFuse.Mknod.class, (LibFuse.Mknod) this::mknod);
        set(table, Layout.OP_MKDIR, LibFuse.ReqLongPtrInt.class, (LibFuse.ReqLongPtrInt) this::mkdir);
        set(table, Layout.OP_UNLINK, LibFuse.ReqLongPtr.class, (LibFuse.ReqLongPtr) this::unlink);
        set(table, Layout.OP_RMDIR, LibFuse.ReqLongPtr.class, (LibFuse.ReqLongPtr) this::rmdir);
        set(table, Layout.OP_SYMLINK, LibFuse.Symlink.class, (LibFuse.Symlink) this::symlink);
        set(table, Layout.OP_RENAME, LibFuse.Rename.class, (LibFuse.Rename) this::rename);
        set(table, Layout.OP_LINK, LibFuse.Link.class, (LibFuse.Link) this::link);
        set(table, Layout.OP_WRITE, LibFuse.Write.class, (LibFuse.Write) this::write);
        set(table, Layout.OP_FSYNC, LibFuse.Fsync.class, (LibFuse.Fsync) this::fsync);
        set(table, Layout.OP_OPENDIR, LibFuse.ReqLongPtr.class, (LibFuse.ReqLongPtr) this::opendir);
        set(table, Layout.OP_READDIR, LibFuse.Readdir.class, (LibFuse.Readdir) this::readdir);
        set(table, Layout.OP_RELEASEDIR, LibFuse.ReqLongPtr.class, (LibFuse.ReqLongPtr) this::releasedir);
        set(table, Layout.OP_FSYNCDIR, LibFuse.Fsync.class, (LibFuse.Fsync) this::fsync);
        set(table, Layout.OP_STATFS, LibFuse.ReqLong.class, (LibFuse.ReqLong) this::statfs);
        set(table, Layout.OP_CREATE, LibFuse.Create.class, (LibFuse.Create) this::create);
        set(table, Layout.OP_POLL, LibFuse.Poll.class, (LibFuse.Poll) this::poll);
        // OPEN, READ and RELEASE never reach libfuse: see answer(). No flush: libfuse answers ENOSYS to the first FLUSH and the kernel stops sending them,
        // which saves a synchronous round trip on every close(2). No access: default_permissions.
        return table;
    }

    private <T> void set(Pointer table, int slot, Class<T> type, T callback) {
        Pointer fn = runtime.getClosureManager().getClosurePointer(type, callback);
        closures.add(callback);
        closures.add(fn);
        table.putPointer(8L * slot, fn);
    }

    // ---- errors, callers, replies ------------------------------------------------------------

    private void fail(Pointer req, String op, Object what, Throwable t) {
        fuse.fuse_reply_err(req, errno(op, what, t));
    }

    // The errno for a failure: FsException's own, EIO (logged once) for anything else.
    private int errno(String op, Object what, Throwable t) {
        if (t instanceof FsException e) {
            if (trace) {
                log.debug("{} {} -> {} ({})", op, what, e.errno(), e.getMessage());
            }
            return e.errno().number();
        }
        log.warn("{} {} failed in user code, answering EIO: {}", op, what, t.toString());
        log.debug("stack trace of the failure above", t);
        return Errno.EIO.number();
    }

    private static String name(Pointer p) {
        int len = p.indexOf(0, (byte) 0);
        byte[] b = new byte[len];
        p.get(0, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    private Dir dir(long id) {
        if (nodes.get(id) instanceof Dir d) {
            return d;
        }
        throw new FsException(Errno.ENOTDIR, "node " + id);
    }

    private OpenFile handle(Pointer fi) {
        return handle(fi.getLong(Layout.FI_FH));
    }

    private OpenFile handle(long fh) {
        OpenFile of = files.get(fh);
        if (of == null) {
            throw new FsException(Errno.EBADF, "unknown file handle " + fh);
        }
        return of;
    }

    private boolean revalidated(Node node) {
        Dir parent = node.parent();
        DirOps dirOps = parent == null ? null : parent.ops();
        return dirOps != null && dirOps.revalidate(node);
    }

    // Tells the kernel about node under parent/name; the kernel now holds one more reference.
    private void replyEntry(Pointer req, Node node, Dir parent, String name) {
        Scratch s = scratch.get();
        Stat st = tree.stat(node);
        boolean fresh = revalidated(node);
        Pointer e = s.entry;
        e.putLong(0, node.ino());
        e.putLong(8, 0); // generation: inode numbers are never reused
        Layout.putStat(e, Layout.ENTRY_ATTR, st);
        e.putDouble(Layout.ENTRY_ATTR + Layout.STAT_SIZE, fresh ? 0 : attrTimeout);
        e.putDouble(Layout.ENTRY_ATTR + Layout.STAT_SIZE + 8, fresh ? 0 : entryTimeout);
        nodes.remember(node);
        if (fuse.fuse_reply_entry(req, e) != 0) {
            nodes.forget(node.ino(), 1); // the request was interrupted: the kernel took nothing
        } else if (node.isRemoved()) {
            invalidation.later(parent, name); // removed while we answered: drop what we just gave
        }
    }

    private void replyAttr(Pointer req, Node node) {
        Scratch s = scratch.get();
        Layout.putStat(s.stat, 0, tree.stat(node));
        fuse.fuse_reply_attr(req, s.stat, revalidated(node) ? 0 : attrTimeout);
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    private void init(Pointer userdata, Pointer conn) {
        int capable = conn.getInt(Layout.CONN_CAPABLE);
        // atomic O_TRUNC: open(O_TRUNC) is one OPEN, not OPEN plus SETATTR; big writes: one
        // write(2) of up to 128 KiB is one store call, so the page clamp is the kernel's (K25).
        int want = conn.getInt(Layout.CONN_WANT)
                | (capable & (Layout.CAP_ATOMIC_O_TRUNC | Layout.CAP_BIG_WRITES));
        conn.putInt(Layout.CONN_WANT, want);
        initialized.countDown();
    }

    // ---- names -------------------------------------------------------------------------------

    private void lookup(Pointer req, long parent, Pointer namePtr) {
        String name = null;
        invalidation.enterDirectoryLock();
        try {
            name = name(namePtr);
            Dir d = dir(parent);
            Node node = tree.lookup(d, name);
            if (trace) {
                log.debug("lookup {} {} -> {}", parent, name, node.ino());
            }
            replyEntry(req, node, d, name);
        } catch (Throwable t) {
            fail(req, "lookup", name, t);
        } finally {
            invalidation.leaveDirectoryLock();
        }
    }

    private void forget(Pointer req, long id, long count) {
        nodes.forget(id, count);
        fuse.fuse_reply_none(req);
    }

    // struct fuse_forget_data { uint64_t ino; uint64_t nlookup; }
    private void forgetMulti(Pointer req, long count, Pointer forgets) {
        for (long i = 0; i < count; i++) {
            nodes.forget(forgets.getLong(16 * i), forgets.getLong(16 * i + 8));
        }
        fuse.fuse_reply_none(req);
    }

    private void mkdir(Pointer req, long parent, Pointer namePtr, int mode) {
        namespaceOp(req, "mkdir", parent, namePtr, (d, name, c) -> {
            tree.mkdir(d, name, mode, c);
            replyEntry(req, tree.lookup(d, name), d, name);
        });
    }

    private void rmdir(Pointer req, long parent, Pointer namePtr) {
        namespaceOp(req, "rmdir", parent, namePtr, (d, name, c) -> {
            tree.rmdir(tree.lookup(d, name), c);
            fuse.fuse_reply_err(req, 0);
        });
    }

    private void unlink(Pointer req, long parent, Pointer namePtr) {
        namespaceOp(req, "unlink", parent, namePtr, (d, name, c) -> {
            tree.unlink(tree.lookup(d, name), c);
            fuse.fuse_reply_err(req, 0);
        });
    }

    private void symlink(Pointer req, Pointer linkPtr, long parent, Pointer namePtr) {
        namespaceOp(req, "symlink", parent, namePtr, (d, name, c) -> {
            tree.symlink(name(linkPtr), d, name, c);
            replyEntry(req, tree.lookup(d, name), d, name);
        });
    }

    private void rename(Pointer req, long parent, Pointer namePtr, long newParent, Pointer newName) {
        namespaceOp(req, "rename", parent, namePtr,
                (d, name, c) -> tree.rename(tree.lookup(d, name), dir(newParent), name(newName), c));
    }

    private void link(Pointer req, long id, long newParent, Pointer newName) {
        namespaceOp(req, "link", newParent, newName, (d, name, c) -> tree.mknod(d, name, c));
    }

    private void mknod(Pointer req, long parent, Pointer namePtr, int mode, long rdev) {
        namespaceOp(req, "mknod", parent, namePtr, (d, name, c) -> tree.mknod(d, name, c));
    }

    private void create(Pointer req, long parent, Pointer namePtr, int mode, Pointer fi) {
        namespaceOp(req, "create", parent, namePtr, (d, name, c) -> tree.create(d, name, c));
    }

    /** Is the body of a request about a name inside a directory. */
    private interface NameOp {
        void run(Dir parent, String name, Caller caller);
    }

    // The kernel holds the directory's lock while these run (see Invalidation).
    private void namespaceOp(Pointer req, String op, long parent, Pointer namePtr, NameOp body) {
        String name = null;
        invalidation.enterDirectoryLock();
        try {
            name = name(namePtr);
            Caller c = Caller.current(); // set from the request's header by RequestLoop
            if (trace) {
                log.debug("{} {} {}", op, parent, name);
            }
            body.run(dir(parent), name, c);
        } catch (Throwable t) {
            fail(req, op, name, t);
        } finally {
            invalidation.leaveDirectoryLock();
        }
    }

    // ---- attributes --------------------------------------------------------------------------

    private void getattr(Pointer req, long id, Pointer fi) {
        try {
            Node node = nodes.get(id); // a removed node the kernel still holds answers fstat (K29)
            if (trace) {
                log.debug("getattr {}", id);
            }
            replyAttr(req, node);
        } catch (Throwable t) {
            fail(req, "getattr", id, t);
        }
    }

    private void setattr(Pointer req, long id, Pointer attr, int toSet, Pointer fi) {
        try {
            Caller c = Caller.current(); // set from the request's header by RequestLoop
            Node node = nodes.get(id);
            if (trace) {
                log.debug("setattr {} to_set 0x{}", id, Integer.toHexString(toSet));
            }
            if ((toSet & Layout.SET_MODE) != 0) {
                tree.chmod(node, attr.getInt(Layout.ST_MODE), c);
            }
            if ((toSet & (Layout.SET_UID | Layout.SET_GID)) != 0) {
                tree.chown(node, (toSet & Layout.SET_UID) != 0 ? attr.getInt(Layout.ST_UID) : -1,
                        (toSet & Layout.SET_GID) != 0 ? attr.getInt(Layout.ST_GID) : -1, c);
            }
            if ((toSet & Layout.SET_SIZE) != 0) {
                tree.truncate(node);
            }
            if ((toSet & (Layout.SET_ATIME | Layout.SET_MTIME)) != 0) {
                Stat now = tree.stat(node);
                tree.utimens(node, time(attr, toSet, Layout.SET_ATIME, Layout.SET_ATIME_NOW, Layout.ST_ATIM, now.atimeNanos()),
                        time(attr, toSet, Layout.SET_MTIME, Layout.SET_MTIME_NOW, Layout.ST_MTIM, now.mtimeNanos()), c);
            }
            replyAttr(req, node);
        } catch (Throwable t) {
            fail(req, "setattr", id, t);
        }
    }

    // A time setattr asks for: null for "now", the old value when it leaves this one alone.
    private static Instant time(Pointer attr, int toSet, int set, int now, int offset, long oldNanos) {
        if ((toSet & set) == 0) {
            return Instant.ofEpochSecond(0, oldNanos);
        }
        if ((toSet & now) != 0) {
            return null;
        }
        return Instant.ofEpochSecond(attr.getLong(offset), attr.getLong(offset + 8));
    }

    private void readlink(Pointer req, long id) {
        try {
            if (!(nodes.get(id) instanceof Link link)) {
                throw FsException.invalid("not a symlink");
            }
            byte[] text = link.target().getBytes(StandardCharsets.UTF_8);
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            fuse.fuse_reply_readlink(req, z);
        } catch (Throwable t) {
            fail(req, "readlink", id, t);
        }
    }

    private void statfs(Pointer req, long id) {
        try {
            Pointer st = runtime.getMemoryManager().allocateDirect(Layout.STATVFS_SIZE, true);
            st.putLong(Layout.F_BSIZE, 4096); // K7: block size 4096, counts 0, names up to 255 bytes
            st.putLong(Layout.F_FRSIZE, 4096);
            st.putLong(Layout.F_NAMEMAX, 255);
            fuse.fuse_reply_statfs(req, st);
        } catch (Throwable t) {
            fail(req, "statfs", id, t);
        }
    }

    // ---- files -------------------------------------------------------------------------------

    /**
     * Answers OPEN, READ and RELEASE straight from the request buffer and returns true, or
     * returns false for libfuse to dispatch the request. These three make up every
     * open+read+close, and their arguments and replies are the kernel's ABI
     * ({@code fuse_open_in}, {@code fuse_read_in}, {@code fuse_release_in}, {@code fuse_out_header}):
     * answering them here saves a call from libfuse into the JVM and one back per request.
     */
    boolean answer(Pointer in) {
        switch (in.getInt(Layout.IN_OPCODE)) {
            case Layout.FUSE_OPEN -> open(in);
            case Layout.FUSE_READ -> read(in);
            case Layout.FUSE_RELEASE -> release(in);
            default -> {
                return false;
            }
        }
        return true;
    }

    // Sends fuse_out_header plus the payload already in s.out after it; 0, or -ENOENT when the
    // request was interrupted meanwhile.
    private int reply(Scratch s, long unique, int errno, int payload) {
        ByteBuffer out = s.out;
        int len = Layout.OUT_HEADER + payload;
        out.putInt(0, len);
        out.putInt(4, -errno);
        out.putLong(8, unique);
        s.iov.putAddress(0, s.outPtr.address());
        s.iov.putLong(8, len);
        return session.send(s.iov);
    }

    private void open(Pointer in) {
        long unique = in.getLong(Layout.IN_UNIQUE);
        long id = in.getLong(Layout.IN_NODEID);
        Scratch s = scratch.get();
        s.out(Layout.OUT_HEADER + 16);
        try {
            int flags = in.getInt(Layout.IN_ARG); // fuse_open_in.flags
            Node node = nodes.get(id);
            OpenFile of = tree.open(node, flags, Caller.current());
            if ((flags & O_TRUNC) != 0) {
                tree.truncate(node); // atomic O_TRUNC: no SETATTR follows
            }
            long fh = nextFh.getAndIncrement();
            files.put(fh, of);
            int bits = Layout.FOPEN_DIRECT_IO | (of.file().ops().seekable() ? 0 : Layout.FOPEN_NONSEEKABLE);
            if (trace) {
                log.debug("open {} {} flags 0{} -> fh {}", id, node.path(), Integer.toOctalString(flags), fh);
            }
            s.out.putLong(Layout.OUT_HEADER, fh); // fuse_open_out: fh, open_flags, padding
            s.out.putInt(Layout.OUT_HEADER + 8, bits);
            s.out.putInt(Layout.OUT_HEADER + 12, 0);
            if (reply(s, unique, 0, 16) != 0) {
                files.remove(fh); // interrupted: the kernel will send no RELEASE
                of.release();
            }
        } catch (Throwable t) {
            reply(s, unique, errno("open", id, t), 0);
        }
    }

    private void read(Pointer in) {
        long unique = in.getLong(Layout.IN_UNIQUE);
        long fh = in.getLong(Layout.IN_ARG);          // fuse_read_in: fh, offset, size, ...
        long offset = in.getLong(Layout.IN_ARG + 8);
        int size = in.getInt(Layout.IN_ARG + 16);
        Scratch s = scratch.get();
        ByteBuffer out = s.out(Layout.OUT_HEADER + (long) size);
        try {
            OpenFile of = handle(fh);
            out.position(Layout.OUT_HEADER).limit(Layout.OUT_HEADER + size);
            int n = of.read(out, offset);
            if (trace) {
                log.debug("read fh {} off {} size {} -> {}", fh, offset, size, n);
            }
            reply(s, unique, 0, n);
        } catch (Throwable t) {
            reply(s, unique, errno("read", fh, t), 0);
        }
    }

    private void write(Pointer req, long id, Pointer buf, long size, long offset, Pointer fi) {
        try {
            OpenFile of = handle(fi);
            byte[] tmp = scratch.get().in(size);
            buf.get(0, tmp, 0, (int) size);
            int n = of.write(ByteBuffer.wrap(tmp, 0, (int) size), offset);
            if (trace) {
                log.debug("write {} off {} size {} -> {}", id, offset, size, n);
            }
            fuse.fuse_reply_write(req, n);
        } catch (Throwable t) {
            fail(req, "write", id, t);
        }
    }

    private void poll(Pointer req, long id, Pointer fi, Pointer ph) {
        try {
            OpenFile of = handle(fi);
            boolean wantsNotify = ph != null && ph.address() != 0; // FUSE_POLL_SCHEDULE_NOTIFY
            int mask = of.poll(wantsNotify ? new Waiter(ph) : null);
            fuse.fuse_reply_poll(req, mask);
        } catch (Throwable t) {
            fail(req, "poll", id, t);
        }
    }

    /** Is a kernel poll handle: notify wakes the poller, then the handle is destroyed. */
    private final class Waiter implements PollWaiter {
        private final Pointer ph;
        private final AtomicBoolean spent = new AtomicBoolean();

        Waiter(Pointer ph) {
            this.ph = ph;
        }

        @Override
        public void wake() {
            if (spent.compareAndSet(false, true)) {
                session.notify(ch -> {
                    fuse.fuse_lowlevel_notify_poll(ph);
                    fuse.fuse_pollhandle_destroy(ph);
                    return 0;
                });
            }
        }

        @Override
        public void discard() {
            if (spent.compareAndSet(false, true)) {
                session.notify(ch -> {
                    fuse.fuse_pollhandle_destroy(ph);
                    return 0;
                });
            }
        }
    }

    private void fsync(Pointer req, long id, int datasync, Pointer fi) {
        fuse.fuse_reply_err(req, 0); // K35
    }

    private void release(Pointer in) {
        long unique = in.getLong(Layout.IN_UNIQUE);
        long fh = in.getLong(Layout.IN_ARG); // fuse_release_in: fh, flags, ...
        Scratch s = scratch.get();
        s.out(Layout.OUT_HEADER);
        try {
            OpenFile of = files.remove(fh);
            if (of != null) {
                of.release();
            }
            reply(s, unique, 0, 0);
        } catch (Throwable t) {
            reply(s, unique, errno("release", fh, t), 0);
        }
    }

    // ---- directories -------------------------------------------------------------------------

    private void opendir(Pointer req, long id, Pointer fi) {
        try {
            Dir dir = dir(id);
            long fh = nextFh.getAndIncrement();
            dirs.put(fh, new DirHandle(dir));
            fi.putLong(Layout.FI_FH, fh);
            if (fuse.fuse_reply_open(req, fi) != 0) {
                dirs.remove(fh);
            }
        } catch (Throwable t) {
            fail(req, "opendir", id, t);
        }
    }

    // Packs the kernel's struct fuse_dirent records straight into the reply buffer.
    private void readdir(Pointer req, long id, long size, long offset, Pointer fi) {
        Scratch s = scratch.get();
        invalidation.enterDirectoryLock();
        try {
            DirHandle h = dirs.get(fi.getLong(Layout.FI_FH));
            if (h == null) {
                throw new FsException(Errno.EBADF, "unknown directory handle");
            }
            DirListing listing = h.listing;
            if (listing == null || offset == 0) { // a rewind takes a fresh snapshot
                listing = tree.readdir(h.dir);
                h.listing = listing;
            }
            ByteBuffer out = s.out(size + 512);
            int used = 0;
            int count = listing.entries().size();
            for (int i = listing.indexOf(offset); i < count; i++) {
                var e = listing.entries().get(i);
                out.position(used + Layout.DIRENT_HEADER);
                listing.putName(i, out);
                int nameLen = out.position() - used - Layout.DIRENT_HEADER;
                int recLen = (Layout.DIRENT_HEADER + nameLen + 7) & ~7;
                if (used + recLen > size) {
                    break; // the kernel's buffer is full; it asks again from this entry's offset
                }
                out.putLong(used, e.ino());
                out.putLong(used + 8, e.nextOffset());
                out.putInt(used + 16, nameLen);
                out.putInt(used + 20, e.typeBits() >>> 12);
                for (int p = used + Layout.DIRENT_HEADER + nameLen; p < used + recLen; p++) {
                    out.put(p, (byte) 0);
                }
                used += recLen;
            }
            fuse.fuse_reply_buf(req, s.outPtr, used);
        } catch (Throwable t) {
            fail(req, "readdir", id, t);
        } finally {
            invalidation.leaveDirectoryLock();
        }
    }

    private void releasedir(Pointer req, long id, Pointer fi) {
        dirs.remove(fi.getLong(Layout.FI_FH));
        fuse.fuse_reply_err(req, 0);
    }
}
