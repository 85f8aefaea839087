package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.DirListing;
import dev.pseudofs.core.DirOps;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.Owner;
import dev.pseudofs.core.PollEvents;
import dev.pseudofs.core.PollWaiter;
import dev.pseudofs.core.SimpleXattrs;
import dev.pseudofs.core.Stat;
import dev.pseudofs.core.Tree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every FUSE request: the one dispatcher from an opcode of {@code /dev/fuse} to a
 * {@link Tree} call, and the one place replies are encoded ({@link Wire}) and sent.
 *
 * <p>Requests name nodes by id (our inode numbers, see {@link NodeTable}), so nothing is
 * resolved by path. Every request is passed to the tree as its {@link dev.pseudofs.core.Context}
 * (caller, interrupt state, the directory locks the kernel holds) and converts failures in one
 * place: {@link FsException} becomes its errno; anything else becomes EIO, is logged once, and
 * the server keeps serving. Opcodes we do not implement answer ENOSYS, which the kernel
 * remembers for FLUSH, xattrs and the like, so it stops asking.
 *
 * <p>Names and attributes may stay in the kernel's caches for {@code entryTimeout} and
 * {@code attrTimeout} seconds because the bridge tells the kernel at once when a name leaves a
 * directory or a node's mode or owner changes ({@link Invalidation}), so a removed node is gone
 * for the very next walk (K29). Names a directory wants checked every time
 * ({@link DirOps#revalidate}) get zero timeouts. Open files get {@code direct_io}, so every
 * read reaches the content with the kernel's sizes reported verbatim (T1), and
 * {@code nonseekable} where the content says so; a read-only open of a file declared immutable
 * ({@link dev.pseudofs.core.File#declareImmutable}) gets {@code keep_cache} instead, and its
 * pages are dropped by an inval_inode when it changes.
 *
 * <p>The OPEN, READ and RELEASE of every open+read+close allocate nothing: each worker decodes
 * its request in place ({@link Request}) and encodes the reply into its own direct buffer.
 */
final class FuseBridge {
    private static final Logger log = LoggerFactory.getLogger(FuseBridge.class);
    private static final int O_TRUNC = 01000;
    private static final int O_ACCMODE = 03;
    private static final double CACHED_LISTING_MIN_TIMEOUT = 60;
    private static final SimpleXattrs NO_XATTRS = new SimpleXattrs(); // read only: never set
    private static final int MAX_UNOPENED_POLLERS = 1024;

    private final Tree tree;
    private final LibFuse fuse;
    private final LibC libc;
    private final Runtime runtime;
    private final NodeTable nodes;
    private final double entryTimeout;
    private final double attrTimeout;
    private final boolean xattrs;   // false: -o noxattr, every xattr request ENOSYS
    private final long spinNanos;
    private final ConcurrentHashMap<Long, OpenFile> files = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, DirHandle> dirs = new ConcurrentHashMap<>();
    private final Map<Long, OpenFile> unopenedPollers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, OpenFile> eldest) {
            boolean full = size() > MAX_UNOPENED_POLLERS;
            if (full) {
                eldest.getValue().release();
            }
            return full;
        }
    };
    private final AtomicLong nextFh = new AtomicLong(1);
    private final OpenLimits limits = OpenLimits.PROCESS;
    private final Ratelimit failures = new Ratelimit(5_000_000_000L, 10); // printk_ratelimited's
    private final CountDownLatch initialized = new CountDownLatch(1);
    private final boolean trace = log.isDebugEnabled();
    private final List<Request> requests = new CopyOnWriteArrayList<>(); // one per worker
    private volatile Session session;
    private volatile Invalidation invalidation;
    private volatile boolean noOpenOffered; // the kernel takes ENOSYS to OPEN as "never ask again"

    /** Is the state of one open directory: the listing taken at its first readdir. */
    private static final class DirHandle {
        final Dir dir;
        final int uid; // the opener's, counted in OpenLimits
        volatile DirListing listing;
        volatile long generation; // the directory's when the listing was taken

        DirHandle(Dir dir, int uid) {
            this.dir = dir;
            this.uid = uid;
        }
    }

    /**
     * Is a worker's reply buffer (fuse_out_header, then the payload) and its one iovec. It starts
     * at 128 KiB of payload and grows to the largest READ the worker answers (up to
     * {@link Session#MAX_IO}), so workers that only answer small requests stay small.
     */
    final class Reply {
        ByteBuffer out;
        long outAddress;
        final ByteBuffer iov = ByteBuffer.allocateDirect(16).order(Wire.ORDER);
        final long iovAddress = session.addressOf(iov);
        byte[] in = new byte[4096];
        long ownerId = -1; // node ids are never reused: the owner of the last one can be kept
        Owner owner;

        Reply() {
            grow(0x20000);
        }

        private void grow(int payload) {
            out = ByteBuffer.allocateDirect(Wire.OUT_HEADER + payload + 512).order(Wire.ORDER);
            outAddress = session.addressOf(out);
        }

        /** Returns the buffer, cleared, for a small payload at {@link Wire#OUT_HEADER}. */
        ByteBuffer begin() {
            return out.clear();
        }

        /** Returns the buffer, cleared, with room for {@code payload} bytes at {@link Wire#OUT_HEADER}. */
        ByteBuffer begin(int payload) {
            if (out.capacity() < Wire.OUT_HEADER + payload) {
                grow(payload);
            }
            return out.clear();
        }

        byte[] in(int size) {
            if (in.length < size) {
                in = new byte[size];
            }
            return in;
        }
    }

    /**
     * Creates a bridge for {@code tree}, loading libfuse 2 (to mount) and the C library.
     *
     * @param options the mount's timeouts, xattrs and spin
     * @throws LinkageError when libfuse.so.2 cannot be loaded
     */
    FuseBridge(Tree tree, MountOptions options) {
        this.tree = tree;
        this.entryTimeout = options.entryTimeout();
        this.attrTimeout = options.attrTimeout();
        this.xattrs = options.xattrs();
        this.spinNanos = options.spinMicros() * 1000L;
        this.fuse = Natives.fuse();
        this.libc = Natives.libc();
        this.runtime = Natives.runtime();
        this.nodes = new NodeTable(tree.root());
    }

    /**
     * Mounts at {@code mountPoint} with libfuse's mount options {@code args}; the caller then
     * runs {@link #serve()} on a thread of its own.
     *
     * @return false when libfuse refused (it printed why)
     */
    boolean mount(String mountPoint, List<String> args, boolean singleThreaded) {
        Session s = Session.open(fuse, libc, runtime, mountPoint, args, singleThreaded);
        if (s == null) {
            return false;
        }
        session = s;
        invalidation = new Invalidation(nodes, s, this::lockedByKernel);
        tree.addListener(invalidation);
        return true;
    }

    /** Serves requests until the file system is unmounted, then closes the connection. */
    void serve() {
        try {
            session.serve(this, spinNanos);
        } finally {
            tree.removeListener(invalidation);
            session.destroy();
            invalidation.close();
        }
    }

    /** Returns how long no request has been in hand (0 while one is being answered). */
    long idleNanos() {
        Session s = session;
        return s == null ? 0 : s.idleNanos();
    }

    /** Waits until the kernel has sent INIT, i.e. the mount is live; false on timeout. */
    boolean awaitInit(long millis) throws InterruptedException {
        return initialized.await(millis, TimeUnit.MILLISECONDS);
    }

    // ---- the dispatcher ----------------------------------------------------------------------

    /** Returns a new worker's request, known to interrupts and to the directory-lock check. */
    Request newRequest(ByteBuffer in) {
        Request r = new Request(in, Thread.currentThread());
        requests.add(r);
        return r;
    }

    /** Forgets a worker's request when the worker leaves. */
    void dropRequest(Request r) {
        requests.remove(r);
    }

    // Whether a request in flight holds directory id's lock in the kernel (see Invalidation).
    private boolean lockedByKernel(long id) {
        for (Request q : requests) {
            if (q.holdsDirectory(id)) {
                return true;
            }
        }
        return false;
    }

    // FUSE_INTERRUPT: mark the request it names, whose callback may then stop with EINTR
    // (Context#interrupted, Context#pause). No reply when found; EAGAIN when no worker holds it
    // (not decoded yet: the kernel sends the interrupt again; or answered already: the kernel
    // then drops our reply).
    private void interrupt(Request r, Reply out) {
        long target = r.arg64(Wire.INTERRUPT_UNIQUE);
        for (Request q : requests) {
            if (q != r && q.interrupt(target)) {
                if (trace) {
                    log.debug("interrupt {}", target);
                }
                return;
            }
        }
        send(r, out, Errno.EAGAIN.number(), 0);
    }

    /** Answers one request on this thread: the only switch over opcodes. */
    void answer(Request r) {
        Reply out = r.reply;
        if (out == null) { // the worker's first request
            out = new Reply();
            r.reply = out;
        }
        if (r.nodeId != out.ownerId) {
            out.ownerId = r.nodeId;
            Node n = nodes.find(r.nodeId);
            out.owner = n == null ? null : n.owner();
        }
        Owner.enter(out.owner); // THIS_MODULE of the code the request runs
        try {
            switch (r.opcode) {
                case Wire.OPEN -> open(r, out);
                case Wire.READ -> read(r, out);
                case Wire.RELEASE -> release(r, out);
                case Wire.LOOKUP -> lookup(r, out);
                case Wire.FORGET -> nodes.forget(r.nodeId, r.arg64(Wire.FORGET_NLOOKUP)); // no reply
                case Wire.BATCH_FORGET -> batchForget(r);
                case Wire.GETATTR -> replyAttr(r, out, nodes.get(r.nodeId)); // a removed node answers fstat (K29)
                case Wire.SETATTR -> setattr(r, out);
                case Wire.READLINK -> readlink(r, out);
                case Wire.MKNOD -> mknod(r, out);
                case Wire.MKDIR -> mkdir(r, out);
                case Wire.UNLINK -> unlink(r, out);
                case Wire.RMDIR -> rmdir(r, out);
                case Wire.SYMLINK -> symlink(r, out);
                case Wire.RENAME -> rename(r, out, Wire.RENAME_IN, r.arg64(Wire.RENAME_NEWDIR), 0);
                case Wire.RENAME2 -> rename(r, out, Wire.RENAME2_IN, r.arg64(Wire.RENAME2_NEWDIR),
                        r.arg32(Wire.RENAME2_FLAGS));
                case Wire.LINK -> link(r, out);
                case Wire.CREATE -> create(r, out);
                case Wire.WRITE -> write(r, out);
                case Wire.STATFS -> statfs(r, out);
                case Wire.SETXATTR -> setxattr(r, out);
                case Wire.GETXATTR -> getxattr(r, out, r.name(Wire.GETXATTR_IN));
                case Wire.LISTXATTR -> getxattr(r, out, null);
                case Wire.REMOVEXATTR -> removexattr(r, out);
                case Wire.FSYNC, Wire.FSYNCDIR -> send(r, out, 0, 0); // K35
                case Wire.OPENDIR -> opendir(r, out);
                case Wire.READDIR -> readdir(r, out, false);
                case Wire.READDIRPLUS -> readdir(r, out, true);
                case Wire.RELEASEDIR -> {
                    DirHandle h = dirs.remove(r.arg64(Wire.RELEASE_FH));
                    if (h != null) {
                        limits.release(h.uid);
                    }
                    send(r, out, 0, 0);
                }
                case Wire.POLL -> poll(r, out);
                case Wire.IOCTL -> ioctl(r, out);
                case Wire.LSEEK -> send(r, out, 0,
                        LseekCall.answer(r, tree, nodes.get(r.nodeId), out.begin())); // SEEK_DATA/HOLE
                case Wire.INIT -> init(r, out);
                case Wire.DESTROY -> send(r, out, 0, 0);
                case Wire.INTERRUPT -> interrupt(r, out);
                default -> {
                    if (trace) {
                        log.debug("opcode {} -> ENOSYS", r.opcode);
                    }
                    send(r, out, Errno.ENOSYS.number(), 0);
                }
            }
        } catch (Throwable t) {
            send(r, out, errno(r, t), 0);
        } finally {
            r.end();
        }
    }

    // Sends fuse_out_header plus the payload already in the reply buffer after it; 0, or
    // nonzero when the kernel refused it (the request was interrupted meanwhile).
    private int send(Request r, Reply reply, int errno, int payload) {
        ByteBuffer out = reply.out;
        int len = Wire.OUT_HEADER + payload;
        out.putInt(Wire.OUT_LEN, len);
        out.putInt(Wire.OUT_ERROR, -errno);
        out.putLong(Wire.OUT_UNIQUE, r.unique);
        reply.iov.putLong(0, reply.outAddress);
        reply.iov.putLong(8, len);
        return session.reply(reply.iovAddress, 1);
    }

    // The errno for a failure: FsException's own, EIO (logged, at most 10 per 5 s) for anything else.
    private int errno(Request r, Throwable t) {
        if (t instanceof FsException e) {
            if (trace) {
                log.debug("opcode {} node {} -> {} ({})", r.opcode, r.nodeId, e.errno(), e.getMessage());
            }
            return e.errno().number();
        }
        int missed = failures.allow();
        if (missed >= 0) {
            log.warn("opcode {} on node {} failed in user code, answering EIO: {}{}", r.opcode, r.nodeId, t,
                    missed > 0 ? " (" + missed + " such failures not logged before this one)" : "");
            log.debug("stack trace of the failure above", t);
        }
        return Errno.EIO.number();
    }

    private Dir dir(long id) {
        if (nodes.get(id) instanceof Dir d) {
            return d;
        }
        throw new FsException(Errno.ENOTDIR, "node " + id);
    }

    private OpenFile handle(long fh) {
        OpenFile of = files.get(fh);
        if (of == null) {
            throw new FsException(Errno.EBADF, "unknown file handle " + fh);
        }
        return of;
    }

    // The kernel holds the lock of the request's directory (see Invalidation).
    private static void lockedDirectory(Request r) {
        r.lockDirectory(r.nodeId);
    }

    // ---- encoding ----------------------------------------------------------------------------

    private static void putAttr(ByteBuffer out, int at, Stat s) {
        out.putLong(at + Wire.ATTR_INO, s.ino());
        out.putLong(at + Wire.ATTR_SIZE, s.size());
        out.putLong(at + Wire.ATTR_BLOCKS, 0);
        out.putLong(at + Wire.ATTR_ATIME, Math.floorDiv(s.atimeNanos(), 1_000_000_000L));
        out.putLong(at + Wire.ATTR_MTIME, Math.floorDiv(s.mtimeNanos(), 1_000_000_000L));
        out.putLong(at + Wire.ATTR_CTIME, Math.floorDiv(s.ctimeNanos(), 1_000_000_000L));
        out.putInt(at + Wire.ATTR_ATIMENSEC, (int) Math.floorMod(s.atimeNanos(), 1_000_000_000L));
        out.putInt(at + Wire.ATTR_MTIMENSEC, (int) Math.floorMod(s.mtimeNanos(), 1_000_000_000L));
        out.putInt(at + Wire.ATTR_CTIMENSEC, (int) Math.floorMod(s.ctimeNanos(), 1_000_000_000L));
        out.putInt(at + Wire.ATTR_MODE, s.mode());
        out.putInt(at + Wire.ATTR_NLINK, s.nlink());
        out.putInt(at + Wire.ATTR_UID, s.uid());
        out.putInt(at + Wire.ATTR_GID, s.gid());
        out.putInt(at + Wire.ATTR_RDEV, 0);
        out.putInt(at + Wire.ATTR_BLKSIZE, s.blockSize());
        out.putInt(at + Wire.ATTR_BLKSIZE + 4, 0); // flags / padding
    }

    private static long seconds(double t) {
        return (long) t;
    }

    private static int nanos(double t) {
        return (int) Math.round((t - Math.floor(t)) * 1e9) % 1_000_000_000;
    }

    // Encodes fuse_entry_out for node at OUT_HEADER; returns its size.
    private int putEntry(Request r, ByteBuffer out, Node node) {
        return putEntry(r, out, Wire.OUT_HEADER, node);
    }

    private int putEntry(Request r, ByteBuffer out, int at, Node node) {
        boolean fresh = tree.revalidate(r, node);
        double attr = fresh ? 0 : attrTimeout;
        double entry = fresh ? 0 : entryTimeout;
        out.putLong(at + Wire.ENTRY_NODEID, node.ino());
        out.putLong(at + Wire.ENTRY_GENERATION, 0); // inode numbers are never reused
        out.putLong(at + Wire.ENTRY_ENTRY_VALID, seconds(entry));
        out.putLong(at + Wire.ENTRY_ATTR_VALID, seconds(attr));
        out.putInt(at + Wire.ENTRY_ENTRY_VALID_NSEC, nanos(entry));
        out.putInt(at + Wire.ENTRY_ATTR_VALID_NSEC, nanos(attr));
        putAttr(out, at + Wire.ENTRY_ATTR, tree.stat(r, node));
        return Wire.ENTRY_OUT;
    }

    // Tells the kernel about node under parent/name; the kernel now holds one more reference.
    private void replyEntry(Request r, Reply reply, Node node, Dir parent, String name) {
        int size = putEntry(r, reply.begin(), node);
        nodes.remember(node);
        if (send(r, reply, 0, size) != 0) {
            nodes.forget(node.ino(), 1); // the request was interrupted: the kernel took nothing
        } else if (node.isRemoved()) {
            invalidation.later(parent, name); // removed while we answered: drop what we just gave
        }
    }

    private void replyAttr(Request r, Reply reply, Node node) {
        ByteBuffer out = reply.begin();
        double t = tree.revalidate(r, node) ? 0 : attrTimeout;
        out.putLong(Wire.OUT_HEADER + Wire.ATTR_OUT_VALID, seconds(t));
        out.putInt(Wire.OUT_HEADER + Wire.ATTR_OUT_VALID_NSEC, nanos(t));
        out.putInt(Wire.OUT_HEADER + Wire.ATTR_OUT_VALID_NSEC + 4, 0);
        putAttr(out, Wire.OUT_HEADER + Wire.ATTR_OUT_ATTR, tree.stat(r, node));
        send(r, reply, 0, Wire.ATTR_OUT);
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    // Picks the protocol: the kernel's minor up to the one whose structs we know, and the
    // capabilities we use among those it offers (as libfuse 2 did for this server): asynchronous
    // reads; atomic O_TRUNC, so open(O_TRUNC) is one OPEN, not OPEN plus SETATTR; big writes, so
    // one write(2) of up to 128 KiB is one store call and the page clamp is the kernel's (K25).
    private void init(Request r, Reply reply) {
        int major = r.arg32(Wire.INIT_IN_MAJOR);
        int minor = r.arg32(Wire.INIT_IN_MINOR);
        ByteBuffer out = reply.begin();
        for (int i = 0; i < Wire.INIT_OUT_SIZE; i += 4) {
            out.putInt(Wire.OUT_HEADER + i, 0);
        }
        out.putInt(Wire.OUT_HEADER + Wire.INIT_OUT_MAJOR, Wire.MAJOR);
        if (major > Wire.MAJOR) {
            send(r, reply, 0, Wire.INIT_OUT_COMPAT_22_SIZE); // the kernel asks again in our major
            return;
        }
        if (major < Wire.MAJOR || minor < Wire.MIN_MINOR) {
            log.error("{}: the kernel speaks FUSE {}.{}; pseudofs needs {}.{} or later",
                    session.mountPoint(), major, minor, Wire.MAJOR, Wire.MIN_MINOR);
            send(r, reply, Errno.EPROTO.number(), 0);
            session.exit();
            return;
        }
        int ours = Math.min(minor, Wire.MAX_MINOR);
        int offered = r.arg32(Wire.INIT_IN_FLAGS);
        noOpenOffered = (offered & Wire.NO_OPEN_SUPPORT) != 0;
        // Larger requests (7.28): up to MAX_PAGES pages per READ and WRITE, so a 1 MiB write(2)
        // is one store call and a 1 MiB read(2) one round trip; the request buffers are sized
        // for it. Without the flag the kernel splits at 32 pages and max_write stays 128 KiB.
        boolean maxPages = ours >= 28 && (offered & Wire.MAX_PAGES) != 0;
        int maxWrite = maxPages ? Session.MAX_IO : 0x20000;
        out.putInt(Wire.OUT_HEADER + Wire.INIT_OUT_MINOR, ours);
        out.putInt(Wire.OUT_HEADER + Wire.INIT_OUT_MAX_READAHEAD, r.arg32(Wire.INIT_IN_MAX_READAHEAD));
        out.putInt(Wire.OUT_HEADER + Wire.INIT_OUT_FLAGS,
                offered & (Wire.ASYNC_READ | Wire.ATOMIC_O_TRUNC | Wire.BIG_WRITES
                        | Wire.DO_READDIRPLUS | Wire.READDIRPLUS_AUTO | Wire.MAX_PAGES));
        out.putInt(Wire.OUT_HEADER + Wire.INIT_OUT_MAX_WRITE, maxWrite);
        out.putInt(Wire.OUT_HEADER + Wire.INIT_OUT_TIME_GRAN, 1);
        if (maxPages) {
            out.putShort(Wire.OUT_HEADER + Wire.INIT_OUT_MAX_PAGES, (short) Session.MAX_PAGES);
        }
        if (trace) {
            log.debug("init: kernel {}.{} flags 0x{}, speaking 7.{}, max_write {}", major, minor,
                    Integer.toHexString(offered), ours, maxWrite);
        }
        send(r, reply, 0, ours >= 23 ? Wire.INIT_OUT_SIZE : Wire.INIT_OUT_COMPAT_22_SIZE);
        initialized.countDown();
    }

    // ---- names -------------------------------------------------------------------------------

    private void lookup(Request r, Reply reply) {
        lockedDirectory(r);
        String name = r.name(0);
        Dir d = dir(r.nodeId);
        Node node = tree.lookup(r, d, name);
        if (trace) {
            log.debug("lookup {} {} -> {}", r.nodeId, name, node.ino());
        }
        replyEntry(r, reply, node, d, name);
    }

    private void batchForget(Request r) {
        int count = r.arg32(Wire.BATCH_FORGET_COUNT);
        for (int i = 0; i < count; i++) {
            int at = Wire.BATCH_FORGET_IN + Wire.FORGET_ONE * i;
            nodes.forget(r.arg64(at + Wire.FORGET_ONE_NODEID), r.arg64(at + Wire.FORGET_ONE_NLOOKUP));
        }
    }

    // Each namespace request: the kernel holds the directory's lock (see Invalidation).
    private Dir namespaceDir(Request r, String op, String name) {
        lockedDirectory(r);
        if (trace) {
            log.debug("{} {} {}", op, r.nodeId, name);
        }
        return dir(r.nodeId);
    }

    private void mkdir(Request r, Reply reply) {
        String name = r.name(Wire.MKDIR_IN);
        Dir d = namespaceDir(r, "mkdir", name);
        tree.mkdir(r, d, name, r.arg32(Wire.MKDIR_MODE));
        replyEntry(r, reply, tree.lookup(r, d, name), d, name);
    }

    private void rmdir(Request r, Reply reply) {
        String name = r.name(0);
        Dir d = namespaceDir(r, "rmdir", name);
        Node victim = tree.lookup(r, d, name);
        r.lockDirectory(victim.ino()); // the kernel holds the victim's lock too
        tree.rmdir(r, victim);
        send(r, reply, 0, 0);
    }

    private void unlink(Request r, Reply reply) {
        String name = r.name(0);
        Dir d = namespaceDir(r, "unlink", name);
        tree.unlink(r, tree.lookup(r, d, name));
        send(r, reply, 0, 0);
    }

    private void symlink(Request r, Reply reply) {
        String name = r.name(0);
        String target = r.name(r.after(0));
        Dir d = namespaceDir(r, "symlink", name);
        tree.symlink(r, target, d, name);
        replyEntry(r, reply, tree.lookup(r, d, name), d, name);
    }

    // RENAME and RENAME2 (renameat2 with flags): struct, old name, new name.
    private void rename(Request r, Reply reply, int names, long newDir, int flags) {
        String name = r.name(names);
        String newName = r.name(r.after(names));
        Dir d = namespaceDir(r, "rename", name);
        if ((flags & ~(Wire.RENAME_NOREPLACE | Wire.RENAME_EXCHANGE)) != 0) {
            throw FsException.invalid("rename flags 0x" + Integer.toHexString(flags));
        }
        r.lockDirectory(newDir);
        Node node = tree.lookup(r, d, name);
        r.lockDirectory(node.ino()); // and the moving node's (vfs_rename)
        tree.rename(r, node, dir(newDir), newName, flags);
        send(r, reply, 0, 0);
    }

    private void link(Request r, Reply reply) {
        String name = r.name(Wire.LINK_IN);
        Dir d = namespaceDir(r, "link", name);
        tree.link(r, nodes.get(r.arg64(Wire.LINK_OLDNODEID)), d, name);
        replyEntry(r, reply, tree.lookup(r, d, name), d, name);
    }

    private void mknod(Request r, Reply reply) {
        String name = r.name(Wire.MKNOD_IN);
        Dir d = namespaceDir(r, "mknod", name);
        tree.mknod(r, d, name);
        replyEntry(r, reply, tree.lookup(r, d, name), d, name);
    }

    private void create(Request r, Reply reply) {
        String name = r.name(Wire.CREATE_IN);
        Dir d = namespaceDir(r, "create", name);
        int uid = r.caller().uid();
        limits.acquire(uid); // before the name is made: over the limit, create+open fails whole
        Node node;
        OpenFile of;
        try {
            tree.create(r, d, name);
            node = tree.lookup(r, d, name);
            of = tree.open(r, node, r.arg32(Wire.CREATE_FLAGS));
        } catch (RuntimeException | Error e) {
            limits.release(uid);
            throw e;
        }
        long fh = openHandle(of, r.arg32(Wire.CREATE_FLAGS));
        files.put(fh, of);
        ByteBuffer out = reply.begin();
        int size = putEntry(r, out, node);
        putOpen(out, Wire.OUT_HEADER + size, fh, of);
        nodes.remember(node);
        if (send(r, reply, 0, size + Wire.OPEN_OUT) != 0) {
            nodes.forget(node.ino(), 1);
            files.remove(fh);
            closeCounted(of, r);
        }
    }

    // ---- attributes --------------------------------------------------------------------------

    private void setattr(Request r, Reply reply) {
        Node node = nodes.get(r.nodeId);
        int valid = r.arg32(Wire.SETATTR_VALID);
        if (trace) {
            log.debug("setattr {} valid 0x{}", r.nodeId, Integer.toHexString(valid));
        }
        if ((valid & Wire.FATTR_MODE) != 0) {
            tree.chmod(r, node, r.arg32(Wire.SETATTR_MODE));
        }
        if ((valid & (Wire.FATTR_UID | Wire.FATTR_GID)) != 0) {
            tree.chown(r, node, (valid & Wire.FATTR_UID) != 0 ? r.arg32(Wire.SETATTR_UID) : -1,
                    (valid & Wire.FATTR_GID) != 0 ? r.arg32(Wire.SETATTR_GID) : -1);
        }
        if ((valid & Wire.FATTR_SIZE) != 0) {
            tree.truncate(r, node);
        }
        if ((valid & (Wire.FATTR_ATIME | Wire.FATTR_MTIME)) != 0) {
            Stat now = tree.stat(r, node);
            tree.utimens(r, node,
                    time(r, valid, Wire.FATTR_ATIME, Wire.FATTR_ATIME_NOW, Wire.SETATTR_ATIME, Wire.SETATTR_ATIMENSEC,
                            now.atimeNanos()),
                    time(r, valid, Wire.FATTR_MTIME, Wire.FATTR_MTIME_NOW, Wire.SETATTR_MTIME, Wire.SETATTR_MTIMENSEC,
                            now.mtimeNanos()));
        }
        replyAttr(r, reply, node);
    }

    // A time setattr asks for: null for "now", the old value when it leaves this one alone.
    private static Instant time(Request r, int valid, int set, int now, int sec, int nsec, long oldNanos) {
        if ((valid & set) == 0) {
            return Instant.ofEpochSecond(0, oldNanos);
        }
        if ((valid & now) != 0) {
            return null;
        }
        return Instant.ofEpochSecond(r.arg64(sec), Integer.toUnsignedLong(r.arg32(nsec)));
    }

    private void readlink(Request r, Reply reply) {
        if (!(nodes.get(r.nodeId) instanceof Link link)) {
            throw FsException.invalid("not a symlink");
        }
        byte[] text = link.target(r).getBytes(StandardCharsets.UTF_8);
        reply.begin().put(Wire.OUT_HEADER, text);
        send(r, reply, 0, text.length);
    }

    // ---- extended attributes (K15) ------------------------------------------------------------

    // The node's xattrs; for reading (get, list, remove) an empty set when it has none, rather
    // than one made per node: `ls -l` asks each file for security.selinux, and 100,000 empty
    // sets kept 6 MB for nothing under the launcher's small heap.
    private SimpleXattrs xattrsOf(Request r, boolean reading) {
        Node n = nodes.get(r.nodeId);
        if (!n.policy().xattrs()) {
            throw new FsException(Errno.EOPNOTSUPP, "no xattrs in this file system");
        }
        return reading ? readable(n) : n.xattrs();
    }

    private static SimpleXattrs readable(Node n) {
        SimpleXattrs x = n.xattrsIfAny();
        return x == null ? NO_XATTRS : x;
    }

    // -o noxattr: answers ENOSYS, after which the kernel answers EOPNOTSUPP itself for that
    // kind of call (fc->no_setxattr, no_getxattr, no_listxattr, no_removexattr); true if it did.
    private boolean refusedXattr(Request r, Reply reply) {
        if (xattrs) {
            return false;
        }
        send(r, reply, Errno.ENOSYS.number(), 0);
        return true;
    }

    private void setxattr(Request r, Reply reply) {
        if (refusedXattr(r, reply)) {
            return;
        }
        int size = r.arg32(Wire.SETXATTR_SIZE);
        String name = r.name(Wire.SETXATTR_IN);
        byte[] value = r.bytes(r.after(Wire.SETXATTR_IN), size);
        xattrsOf(r, false).set(name, value, r.arg32(Wire.SETXATTR_FLAGS));
        send(r, reply, 0, 0);
    }

    // GETXATTR (name given) and LISTXATTR (name null): size 0 asks for the length (getxattr_out);
    // a buffer too small for the answer gets ERANGE.
    // Without xattr handlers the kernel still lists: nothing (vfs_listxattr).
    private void getxattr(Request r, Reply reply, String name) {
        if (refusedXattr(r, reply)) {
            return;
        }
        if (name != null && !tree.root().policy().xattrs() && !nodes.get(r.nodeId).policy().xattrs()) {
            // No node of this mount keeps xattrs (proc, debugfs, configfs): ENOSYS makes the
            // kernel answer EOPNOTSUPP itself from now on (fc->no_getxattr), the same errno
            // without a round trip for every file of an `ls -l` (it asks for security.selinux).
            send(r, reply, Errno.ENOSYS.number(), 0);
            return;
        }
        byte[] value;
        if (name == null) {
            Node n = nodes.get(r.nodeId);
            value = n.policy().xattrs() ? readable(n).list(r.caller().isRoot()) : new byte[0];
        } else {
            value = xattrsOf(r, true).get(name);
        }
        int size = r.arg32(Wire.GETXATTR_SIZE);
        ByteBuffer out = reply.begin();
        if (size == 0) {
            out.putInt(Wire.OUT_HEADER + Wire.GETXATTR_OUT_SIZE, value.length);
            out.putInt(Wire.OUT_HEADER + Wire.GETXATTR_OUT_SIZE + 4, 0);
            send(r, reply, 0, Wire.GETXATTR_OUT);
        } else if (value.length > size) {
            send(r, reply, Errno.ERANGE.number(), 0);
        } else {
            out.put(Wire.OUT_HEADER, value);
            send(r, reply, 0, value.length);
        }
    }

    private void removexattr(Request r, Reply reply) {
        if (refusedXattr(r, reply)) {
            return;
        }
        xattrsOf(r, true).remove(r.name(0));
        send(r, reply, 0, 0);
    }

    private void statfs(Request r, Reply reply) {
        ByteBuffer out = reply.begin();
        for (int i = 0; i < Wire.STATFS_OUT; i += 8) {
            out.putLong(Wire.OUT_HEADER + i, 0);
        }
        out.putInt(Wire.OUT_HEADER + Wire.STATFS_BSIZE, 4096); // K7: block size 4096, counts 0,
        out.putInt(Wire.OUT_HEADER + Wire.STATFS_FRSIZE, 4096); // names up to 255 bytes
        out.putInt(Wire.OUT_HEADER + Wire.STATFS_NAMELEN, 255);
        send(r, reply, 0, Wire.STATFS_OUT);
    }

    // ---- files -------------------------------------------------------------------------------

    // Direct I/O, so every read reaches the content with the kernel's sizes (T1), except a
    // read-only open of content declared immutable: its pages stay in the kernel's cache across
    // opens until an inval_inode drops them (File#declareImmutable, docs/architecture.md). Such
    // a handle has its low bit set, so that READ knows to fill the page cache's requests.
    private long openHandle(OpenFile of, int flags) {
        boolean cached = of.file().isImmutable() && (flags & O_ACCMODE) == 0;
        return nextFh.getAndIncrement() << 1 | (cached ? 1 : 0);
    }

    // Whether reads of this handle come from the kernel's page cache (the low bit, or no-open
    // mode's handle 0), so that the server sees few of them.
    private static boolean pageCached(long fh) {
        return fh == 0 || (fh & 1) != 0;
    }

    private static void putOpen(ByteBuffer out, int at, long fh, OpenFile of) {
        int bits = (pageCached(fh) ? Wire.FOPEN_KEEP_CACHE : Wire.FOPEN_DIRECT_IO)
                | (of.file().ops().seekable() ? 0 : Wire.FOPEN_NONSEEKABLE);
        out.putLong(at + Wire.OPEN_OUT_FH, fh);
        out.putInt(at + Wire.OPEN_OUT_OPEN_FLAGS, bits);
        out.putInt(at + Wire.OPEN_OUT_OPEN_FLAGS + 4, 0);
    }

    private void open(Request r, Reply reply) {
        int flags = r.arg32(Wire.OPEN_FLAGS);
        Node node = nodes.get(r.nodeId);
        if (noOpenOffered && tree.hasImmutableContent()) {
            // FUSE's no-open mode: from now on the kernel opens every file itself, with fh 0
            // and its page cache kept; READ and WRITE then open the content for their call.
            tree.open(r, node, flags).release(r); // this first open still gets its errno
            send(r, reply, Errno.ENOSYS.number(), 0);
            return;
        }
        OpenFile of = openCounted(r, node, flags);
        if ((flags & O_TRUNC) != 0) {
            try {
                tree.truncate(r, node); // atomic O_TRUNC: no SETATTR follows
            } catch (RuntimeException | Error e) {
                closeCounted(of, r);
                throw e;
            }
        }
        long fh = openHandle(of, flags);
        files.put(fh, of);
        if (trace) {
            log.debug("open {} {} flags 0{} -> fh {}", r.nodeId, node.path(), Integer.toOctalString(flags), fh);
        }
        putOpen(reply.begin(), Wire.OUT_HEADER, fh, of);
        if (send(r, reply, 0, Wire.OPEN_OUT) != 0) {
            files.remove(fh); // interrupted: the kernel will send no RELEASE
            closeCounted(of, r);
        }
    }

    // Opens node for the caller, counted against the caller's share of open handles.
    private OpenFile openCounted(Request r, Node node, int flags) {
        int uid = r.caller().uid();
        limits.acquire(uid);
        try {
            return tree.open(r, node, flags);
        } catch (RuntimeException | Error e) {
            limits.release(uid);
            throw e;
        }
    }

    // Closes a file openCounted opened, and uncounts it.
    private void closeCounted(OpenFile of, Request r) {
        limits.release(of.opener().uid());
        of.release(r);
    }

    private void read(Request r, Reply reply) {
        long fh = r.arg64(Wire.READ_FH);
        if (fh == 0) { // no-open mode: a cached read of immutable content, filled
            OpenFile of = tree.open(r, nodes.get(r.nodeId), 0);
            try {
                readInto(r, reply, of, 0);
            } finally {
                of.release(r);
            }
            return;
        }
        readInto(r, reply, handle(fh), fh);
    }

    private void readInto(Request r, Reply reply, OpenFile of, long fh) {
        long offset = r.arg64(Wire.READ_OFFSET);
        int size = Math.min(r.arg32(Wire.READ_SIZE), Session.MAX_IO);
        ByteBuffer out = reply.begin(size);
        out.position(Wire.OUT_HEADER).limit(Wire.OUT_HEADER + size);
        int n = of.read(r, out, offset);
        if (pageCached(fh)) { // the page cache takes a short read for the end of the file: fill it
            for (int more = n; more > 0 && out.hasRemaining(); n += more) {
                more = of.read(r, out, offset + n);
            }
        }
        if (trace) {
            log.debug("read fh {} off {} size {} -> {}", fh, offset, size, n);
        }
        send(r, reply, 0, n);
    }

    private void write(Request r, Reply reply) {
        long fh = r.arg64(Wire.WRITE_FH);
        if (fh == 0) { // no-open mode: the open's checks happen here (docs/compat.md)
            OpenFile of = tree.open(r, nodes.get(r.nodeId), 1);
            try {
                writeFrom(r, reply, of);
            } finally {
                of.release(r);
            }
            return;
        }
        writeFrom(r, reply, handle(fh));
    }

    private void writeFrom(Request r, Reply reply, OpenFile of) {
        long offset = r.arg64(Wire.WRITE_OFFSET);
        int size = r.arg32(Wire.WRITE_SIZE);
        byte[] tmp = reply.in(size);
        r.in.get(Wire.IN_HEADER + Wire.WRITE_IN, tmp, 0, size);
        int n = of.write(r, ByteBuffer.wrap(tmp, 0, size), offset);
        if (trace) {
            log.debug("write {} off {} size {} -> {}", r.nodeId, offset, size, n);
        }
        reply.begin().putLong(Wire.OUT_HEADER + Wire.WRITE_OUT_SIZE, Integer.toUnsignedLong(n)); // size, padding
        send(r, reply, 0, Wire.WRITE_OUT);
        if (of.file().isImmutable()) {
            invalidation.contentChanged(of.file()); // what a read shows next is the content's, not the writer's bytes
        }
    }

    private void poll(Request r, Reply reply) {
        long fh = r.arg64(Wire.POLL_FH);
        long kh = r.arg64(Wire.POLL_KH);
        OpenFile of = fh != 0 ? handle(fh) : unopenedPoller(r, kh);
        boolean wantsNotify = (r.arg32(Wire.POLL_FLAGS) & Wire.POLL_SCHEDULE_NOTIFY) != 0;
        int mask = of.poll(r, wantsNotify ? new Waiter(kh) : null);
        if (pageCached(fh) && (mask & PollEvents.POLLPRI) != 0) {
            of.markSeen(); // its reader's reads come from the page cache, unseen: tell each change once
        }
        reply.begin().putLong(Wire.OUT_HEADER + Wire.POLL_OUT_REVENTS, Integer.toUnsignedLong(mask)); // revents, padding
        send(r, reply, 0, Wire.POLL_OUT);
    }

    // No-open mode (fh 0): the kernel's open file is known only by its poll handle, which the
    // kernel keeps for the file's life. It is taken as read at its first poll (read, then poll:
    // the sysfs_notify protocol). No RELEASE comes for it, so the least recently polled go first
    // beyond MAX_UNOPENED_POLLERS (docs/compat.md, --page-cache).
    private OpenFile unopenedPoller(Request r, long kh) {
        synchronized (unopenedPollers) {
            OpenFile of = unopenedPollers.get(kh);
            if (of == null) {
                of = tree.open(r, nodes.get(r.nodeId), 0);
                of.markSeen();
                unopenedPollers.put(kh, of);
            }
            return of;
        }
    }

    /** Is a kernel poll handle: notify wakes the poller once. */
    private final class Waiter implements PollWaiter {
        private final long kh;
        private final AtomicBoolean spent = new AtomicBoolean();

        Waiter(long kh) {
            this.kh = kh;
        }

        @Override
        public void wake() {
            if (spent.compareAndSet(false, true)) {
                ByteBuffer msg = ByteBuffer.allocateDirect(Wire.OUT_HEADER + Wire.POLL_WAKEUP_OUT).order(Wire.ORDER);
                msg.putInt(Wire.OUT_LEN, msg.capacity());
                msg.putInt(Wire.OUT_ERROR, Wire.NOTIFY_POLL);
                msg.putLong(Wire.OUT_UNIQUE, 0);
                msg.putLong(Wire.OUT_HEADER + Wire.POLL_WAKEUP_KH, kh);
                session.notify(msg);
            }
        }

        @Override
        public void discard() {
            spent.set(true); // the kernel's handle needs no freeing
        }
    }

    // Restricted FUSE_IOCTL (IoctlCall); in no-open mode (fh 0) the content is opened for the call.
    private void ioctl(Request r, Reply reply) {
        if (IoctlCall.onDirectory(r)) {
            throw new FsException(Errno.ENOTTY, "no ioctl on directories");
        }
        long fh = IoctlCall.fh(r);
        OpenFile of = fh == 0 ? tree.open(nodes.get(r.nodeId), 0, r.caller()) : handle(fh);
        try {
            send(r, reply, 0, IoctlCall.answer(r, of, reply.begin()));
        } finally {
            if (fh == 0) {
                of.release();
            }
        }
    }

    private void release(Request r, Reply reply) {
        OpenFile of = files.remove(r.arg64(Wire.RELEASE_FH));
        if (of != null) {
            closeCounted(of, r); // a failure is the reply's errno (answer's catch)
        }
        send(r, reply, 0, 0);
    }

    // ---- directories -------------------------------------------------------------------------

    private void opendir(Request r, Reply reply) {
        Dir dir = dir(r.nodeId);
        int uid = r.caller().uid();
        limits.acquire(uid);
        long fh = nextFh.getAndIncrement();
        dirs.put(fh, new DirHandle(dir, uid));
        ByteBuffer out = reply.begin();
        out.putLong(Wire.OUT_HEADER + Wire.OPEN_OUT_FH, fh);
        out.putLong(Wire.OUT_HEADER + Wire.OPEN_OUT_OPEN_FLAGS, cachesListing(dir)
                ? Wire.FOPEN_CACHE_DIR | Wire.FOPEN_KEEP_CACHE : 0); // open_flags, padding
        if (send(r, reply, 0, Wire.OPEN_OUT) != 0) {
            limits.release(dirs.remove(fh).uid);
        }
    }

    // The kernel may keep the listing of a directory whose names only the program changes (no
    // DirOps): each change drops it (Invalidation#childrenChanged). Only with long entry
    // timeouts: a listing from the cache brings no attributes, so once the names it cached
    // expired, `ls -l` would cost one LOOKUP per name instead of a few READDIRPLUS.
    private boolean cachesListing(Dir dir) {
        return dir.ops() == null && entryTimeout >= CACHED_LISTING_MIN_TIMEOUT;
    }

    // Packs the kernel's struct fuse_dirent records straight into the reply buffer; for
    // READDIRPLUS each one after a fuse_entry_out, so that `ls -l` needs no LOOKUP per name.
    private void readdir(Request r, Reply reply, boolean plus) {
        lockedDirectory(r);
        long fh = r.arg64(Wire.READ_FH);
        long offset = r.arg64(Wire.READ_OFFSET);
        int size = Math.min(r.arg32(Wire.READ_SIZE), Session.MAX_IO);
        DirHandle h = dirs.get(fh);
        if (h == null) {
            throw new FsException(Errno.EBADF, "unknown directory handle");
        }
        DirListing listing = h.listing;
        reply.begin(size);
        if (listing == null || offset == 0) { // a rewind takes a fresh snapshot
            h.generation = h.dir.generation();
            listing = tree.readdir(r, h.dir);
            h.listing = listing;
        }
        ByteBuffer out = reply.begin();
        int base = Wire.OUT_HEADER;
        int used = 0;
        int count = listing.entries().size();
        int first = listing.indexOf(offset);
        int i = first;
        for (; i < count; i++) {
            var e = listing.entries().get(i);
            int entryAt = base + used;
            int at = plus ? entryAt + Wire.ENTRY_OUT : entryAt;
            out.limit(out.capacity()).position(at + Wire.DIRENT_NAME);
            listing.putName(i, out);
            int nameLen = out.position() - at - Wire.DIRENT_NAME;
            int recLen = (at - entryAt) + ((Wire.DIRENT_NAME + nameLen + 7) & ~7);
            if (used + recLen > size) {
                break; // the kernel's buffer is full; it asks again from this entry's offset
            }
            if (plus) {
                putPlusEntry(r, out, entryAt, listing, i, h.dir);
            }
            out.putLong(at + Wire.DIRENT_INO, e.ino());
            out.putLong(at + Wire.DIRENT_OFF, e.nextOffset());
            out.putInt(at + Wire.DIRENT_NAMELEN, nameLen);
            out.putInt(at + Wire.DIRENT_TYPE, e.typeBits() >>> 12);
            for (int p = at + Wire.DIRENT_NAME + nameLen; p < entryAt + recLen; p++) {
                out.put(p, (byte) 0);
            }
            used += recLen;
        }
        if (send(r, reply, 0, used) != 0 && plus) {
            forgetPlusEntries(listing, first, i, h.dir); // interrupted: the kernel took no reference
        } else if (h.generation != h.dir.generation()) {
            invalidation.childrenChanged(h.dir); // changed while we answered: drop what it cached
            if (plus) {
                dropRemovedNames(listing, first, i, h.dir);
            }
        }
    }

    // The fuse_entry_out of one READDIRPLUS record: the node's attributes and one lookup
    // reference, or node id 0 (the kernel then makes no entry) for "." and "..", names the
    // directory resolves by itself (DirOps), and names gone since the listing was taken.
    private void putPlusEntry(Request r, ByteBuffer out, int at, DirListing listing, int index, Dir dir) {
        Node node = plusNode(dir, listing, index);
        if (node == null) {
            for (int p = at; p < at + Wire.ENTRY_OUT; p += 8) {
                out.putLong(p, 0);
            }
            return;
        }
        putEntry(r, out, at, node);
        nodes.remember(node);
    }

    // The node the listing took entry index from, while it is still dir's child by that name:
    // no lookup per name (a TreeMap of 100,000 names cost most of a READDIRPLUS), and a name
    // removed, renamed or replaced since gets no entry, so the record's ino and node id agree.
    private static Node plusNode(Dir dir, DirListing listing, int index) {
        if (dir.ops() != null || index < 2) { // "." and ".." first (K11)
            return null;
        }
        Node node = listing.node(index);
        if (node.isRemoved() || node.parent() != dir
                || !node.name().equals(listing.entries().get(index).name())) {
            return null;
        }
        return node;
    }

    // A name removed while its record was on its way gets its entry dropped again (K29), as
    // replyEntry does for LOOKUP; from another thread, since the kernel holds the directory.
    private void dropRemovedNames(DirListing listing, int from, int to, Dir dir) {
        for (int i = Math.max(from, 2); i < to; i++) { // "." and ".." first (K11)
            String name = listing.entries().get(i).name();
            if (dir.lookup(name) == null) {
                invalidation.later(dir, name);
            }
        }
    }

    private void forgetPlusEntries(DirListing listing, int from, int to, Dir dir) {
        for (int i = from; i < to; i++) {
            Node node = plusNode(dir, listing, i);
            if (node != null) {
                nodes.forget(node.ino(), 1);
            }
        }
    }
}
