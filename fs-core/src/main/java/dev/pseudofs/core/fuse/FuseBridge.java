package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.DirEntry;
import dev.pseudofs.core.DirListing;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.PollWaiter;
import dev.pseudofs.core.Stat;
import dev.pseudofs.core.Tree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.ffi.types.dev_t;
import jnr.ffi.types.gid_t;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.uid_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseContext;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.FusePollhandle;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * Translates libfuse 2 high-level callbacks into {@link Tree} calls: the only class that
 * speaks FUSE.
 *
 * <p>Every callback resolves its path once (or finds its open file by {@code fh}), runs with
 * the request's {@link Caller}, and converts failures in one place: {@link FsException} becomes
 * {@code -errno}; anything else becomes {@code -EIO}, is logged once with the path, and the
 * server keeps serving (jnr-fuse issue #44: an escaping exception can look like success).
 *
 * <p>Open files get the raw {@code direct_io} bit in libfuse's {@code fuse_file_info} (jnr-fuse
 * maps those bits as padding), so every read reaches the content with the kernel's sizes
 * reported verbatim (T1), and {@code nonseekable} where the content says so.
 */
public final class FuseBridge extends FuseStubFS {
    private static final Logger log = LoggerFactory.getLogger(FuseBridge.class);

    // struct fuse_file_info (libfuse 2.9, x86-64/aarch64): int flags; unsigned long fh_old;
    // int writepage; then the bit-field word at offset 20, just before fh at 24.
    private static final int DIRECT_IO = 1;
    private static final int NONSEEKABLE = 1 << 3;

    private final Tree tree;
    private final ConcurrentHashMap<Long, OpenFile> files = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, DirHandle> dirs = new ConcurrentHashMap<>();
    private final AtomicLong nextFh = new AtomicLong(1);
    private final CountDownLatch initialized = new CountDownLatch(1);
    private final boolean trace = log.isDebugEnabled();
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[128 * 1024]);
    private volatile Runnable onShutdown = () -> { };

    /** Is the state of one open directory: the listing taken at its first readdir. */
    private static final class DirHandle {
        final Dir dir;
        volatile DirListing listing;

        DirHandle(Dir dir) {
            this.dir = dir;
        }
    }

    /**
     * Creates a bridge for {@code tree}, loading libfuse 2.
     *
     * @throws LinkageError when libfuse.so.2 cannot be loaded
     */
    public FuseBridge(Tree tree) {
        this.tree = tree;
        // jnr-fuse wraps a NULL poll handle in a struct whose memory it allocates on first use,
        // so a later destroy would free() a pointer libfuse never gave us: take the raw pointer.
        fuseOperations.poll.set((path, fi, ph, reventsp) ->
                pollRaw(path, FuseFileInfo.of(fi), ph, reventsp));
    }

    /** Returns the fsname argv[0] that libfuse sees. */
    @Override
    protected String getFSName() {
        return "pseudofs";
    }

    /** Waits until the kernel has sent INIT, i.e. the mount is live; false on timeout. */
    public boolean awaitInit(long millis) throws InterruptedException {
        return initialized.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Sets what a JVM shutdown (jnr-fuse's hook calls {@link #umount()}) should do. */
    public void setOnShutdown(Runnable r) {
        this.onShutdown = r;
    }

    /** Marks the file system unmounted, so jnr-fuse's shutdown hook does nothing more. */
    public void markUnmounted() {
        mounted.set(false);
    }

    /** Returns the number of open files and directories (for tests and leak checks). */
    public int openHandles() {
        return files.size() + dirs.size();
    }

    @Override
    public void umount() {
        if (mounted.get()) {
            onShutdown.run();
        }
    }

    // ---- errors and callers ------------------------------------------------------------------

    private int fail(String op, String path, Throwable t) {
        if (t instanceof FsException e) {
            if (trace) {
                log.debug("{} {} -> {} ({})", op, path, e.errno(), e.getMessage());
            }
            return -e.errno().number();
        }
        log.warn("{} {} failed in user code, answering EIO: {}", op, path, t.toString());
        log.debug("stack trace of the failure above", t);
        return -Errno.EIO.number();
    }

    private Caller caller() {
        FuseContext ctx = getContext();
        Caller c = new Caller((int) ctx.pid.get(), (int) ctx.uid.get(), (int) ctx.gid.get());
        Caller.enter(c);
        return c;
    }

    private OpenFile handle(FuseFileInfo fi) {
        OpenFile of = files.get(fi.fh.get());
        if (of == null) {
            throw new FsException(Errno.EBADF, "unknown file handle " + fi.fh.get());
        }
        return of;
    }

    // ---- attributes ------------------------------------------------------------------------

    @Override
    public int getattr(String path, FileStat stat) {
        try {
            caller(); // views may depend on who looks (/proc/PID lookups, /proc/self)
            fill(stat, tree.stat(tree.resolve(path)));
            return 0;
        } catch (Throwable t) {
            return fail("getattr", path, t);
        }
    }

    @Override
    public int fgetattr(String path, FileStat stat, FuseFileInfo fi) {
        try {
            OpenFile of = files.get(fi.fh.get());
            // fstat keeps working on an open file whose node was removed (K29).
            Node node = of != null ? of.file() : tree.resolve(path);
            fill(stat, tree.stat(node));
            return 0;
        } catch (Throwable t) {
            return fail("fgetattr", path, t);
        }
    }

    // Sets every field: the struct can arrive holding garbage (jnr-fuse issue #68).
    private static void fill(FileStat st, Stat s) {
        Struct.getMemory(st).setMemory(0, Struct.size(st), (byte) 0);
        st.st_ino.set(s.ino());
        st.st_mode.set(s.mode());
        st.st_nlink.set(s.nlink());
        st.st_uid.set(s.uid());
        st.st_gid.set(s.gid());
        st.st_size.set(s.size());
        st.st_blksize.set(s.blockSize());
        st.st_blocks.set(0);
        setTime(st.st_atim, s.atimeNanos());
        setTime(st.st_mtim, s.mtimeNanos());
        setTime(st.st_ctim, s.ctimeNanos());
    }

    private static void setTime(Timespec ts, long nanos) {
        ts.tv_sec.set(Math.floorDiv(nanos, 1_000_000_000L));
        ts.tv_nsec.set(Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public int readlink(String path, Pointer buf, @size_t long size) {
        try {
            caller();
            if (!(tree.resolve(path) instanceof Link link)) {
                throw FsException.invalid("not a symlink");
            }
            byte[] text = link.target().getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(text.length, size - 1); // libfuse wants a NUL-terminated string
            buf.put(0, text, 0, n);
            buf.putByte(n, (byte) 0);
            return 0;
        } catch (Throwable t) {
            return fail("readlink", path, t);
        }
    }

    @Override
    public int chmod(String path, @mode_t long mode) {
        try {
            tree.chmod(path, (int) mode, caller());
            return 0;
        } catch (Throwable t) {
            return fail("chmod", path, t);
        }
    }

    @Override
    public int chown(String path, @uid_t long uid, @gid_t long gid) {
        try {
            tree.chown(path, (int) uid, (int) gid, caller());
            return 0;
        } catch (Throwable t) {
            return fail("chown", path, t);
        }
    }

    @Override
    public int truncate(String path, @off_t long size) {
        try {
            tree.truncate(tree.resolve(path));
            return 0;
        } catch (Throwable t) {
            return fail("truncate", path, t);
        }
    }

    @Override
    public int ftruncate(String path, @off_t long size, FuseFileInfo fi) {
        try {
            OpenFile of = files.get(fi.fh.get());
            tree.truncate(of != null ? of.file() : tree.resolve(path));
            return 0;
        } catch (Throwable t) {
            return fail("ftruncate", path, t);
        }
    }

    @Override
    public int utimens(String path, Timespec[] timespec) {
        try {
            tree.utimens(path, instant(timespec[0]), instant(timespec[1]), caller());
            return 0;
        } catch (Throwable t) {
            return fail("utimens", path, t);
        }
    }

    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    private static Instant instant(Timespec ts) {
        long nsec = ts.tv_nsec.longValue();
        if (nsec == UTIME_NOW || nsec == UTIME_OMIT) {
            return null; // libfuse 2 resolves OMIT before calling; treat both as "now"
        }
        return Instant.ofEpochSecond(ts.tv_sec.get(), nsec);
    }

    @Override
    public int statfs(String path, Statvfs st) {
        try {
            Struct.getMemory(st).setMemory(0, Struct.size(st), (byte) 0);
            st.f_bsize.set(4096); // K7: block size 4096, counts 0, names up to 255 bytes
            st.f_frsize.set(4096);
            st.f_namemax.set(255);
            return 0;
        } catch (Throwable t) {
            return fail("statfs", path, t);
        }
    }

    // ---- files -----------------------------------------------------------------------------

    @Override
    public int open(String path, FuseFileInfo fi) {
        try {
            OpenFile of = tree.open(path, fi.flags.get(), caller());
            long fh = nextFh.getAndIncrement();
            files.put(fh, of);
            fi.fh.set(fh);
            setOpenBits(fi, DIRECT_IO | (of.file().ops().seekable() ? 0 : NONSEEKABLE));
            if (trace) {
                log.debug("open {} flags 0{} -> fh {}", path, Integer.toOctalString(fi.flags.get()), fh);
            }
            return 0;
        } catch (Throwable t) {
            return fail("open", path, t);
        }
    }

    // Writes the real bits of fuse_file_info: the word before fh (see the layout above).
    private static void setOpenBits(FuseFileInfo fi, int bits) {
        Pointer mem = Struct.getMemory(fi);
        long offset = fi.fh.offset() - 4;
        mem.putInt(offset, mem.getInt(offset) | bits);
    }

    @Override
    public int read(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        try {
            caller();
            OpenFile of = handle(fi);
            byte[] tmp = scratch(size);
            int n = of.read(ByteBuffer.wrap(tmp, 0, (int) size), offset);
            buf.put(0, tmp, 0, n);
            if (trace) {
                log.debug("read {} off {} size {} -> {}", path, offset, size, n);
            }
            return n;
        } catch (Throwable t) {
            return fail("read", path, t);
        }
    }

    @Override
    public int write(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        try {
            caller();
            OpenFile of = handle(fi);
            byte[] tmp = scratch(size);
            buf.get(0, tmp, 0, (int) size);
            int n = of.write(ByteBuffer.wrap(tmp, 0, (int) size), offset);
            if (trace) {
                log.debug("write {} off {} size {} -> {}", path, offset, size, n);
            }
            return n;
        } catch (Throwable t) {
            return fail("write", path, t);
        }
    }

    private byte[] scratch(long size) {
        byte[] b = scratch.get();
        if (b.length < size) {
            b = new byte[(int) size];
            scratch.set(b);
        }
        return b;
    }

    private int pollRaw(String path, FuseFileInfo fi, Pointer ph, Pointer reventsp) {
        try {
            OpenFile of = handle(fi);
            boolean wantsNotify = ph != null && ph.address() != 0; // FUSE_POLL_SCHEDULE_NOTIFY
            int mask = of.poll(wantsNotify ? new Waiter(FusePollhandle.of(ph)) : null);
            reventsp.putInt(0, mask);
            return 0;
        } catch (Throwable t) {
            return fail("poll", path, t);
        }
    }

    /** Is a kernel poll handle: notify wakes the poller, then the handle is destroyed. */
    private final class Waiter implements PollWaiter {
        private final FusePollhandle ph;
        private final AtomicBoolean spent = new AtomicBoolean();

        Waiter(FusePollhandle ph) {
            this.ph = ph;
        }

        @Override
        public void wake() {
            if (spent.compareAndSet(false, true)) {
                libFuse.fuse_notify_poll(ph);
                libFuse.fuse_pollhandle_destroy(ph);
            }
        }

        @Override
        public void discard() {
            if (spent.compareAndSet(false, true)) {
                libFuse.fuse_pollhandle_destroy(ph);
            }
        }
    }

    // No flush: libfuse answers ENOSYS to the first FLUSH and the kernel stops sending them, which
    // saves a synchronous round trip on every close(2). Pseudo files have nothing to flush.

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return 0; // K35
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        try {
            OpenFile of = files.remove(fi.fh.get());
            if (of != null) {
                of.release();
            }
            return 0;
        } catch (Throwable t) {
            return fail("release", path, t);
        }
    }

    // ---- directories -------------------------------------------------------------------------

    @Override
    public int opendir(String path, FuseFileInfo fi) {
        try {
            caller();
            Dir dir = tree.resolveDir(path);
            long fh = nextFh.getAndIncrement();
            dirs.put(fh, new DirHandle(dir));
            fi.fh.set(fh);
            return 0;
        } catch (Throwable t) {
            return fail("opendir", path, t);
        }
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, @off_t long offset, FuseFileInfo fi) {
        try {
            DirHandle h = dirs.get(fi.fh.get());
            if (h == null) {
                throw new FsException(Errno.EBADF, "unknown directory handle");
            }
            DirListing listing = h.listing;
            if (listing == null || offset == 0) { // a rewind takes a fresh snapshot
                caller();
                listing = tree.readdir(h.dir);
                h.listing = listing;
            }
            List<DirEntry> entries = listing.entries();
            Pointer statBuf = Runtime.getSystemRuntime().getMemoryManager().allocateDirect(STAT_SIZE, true);
            FileStat st = FileStat.of(statBuf);
            // One direct buffer for every name: jnr passes its address instead of copying.
            ByteBuffer name = ByteBuffer.allocateDirect(1024);
            for (int i = listing.indexOf(offset); i < entries.size(); i++) {
                DirEntry e = entries.get(i);
                st.st_ino.set(e.ino());
                st.st_mode.set(e.typeBits()); // d_type: a null stat would give DT_UNKNOWN
                name.clear();
                listing.putName(i, name);
                name.flip();
                if (filler.apply(buf, name, statBuf, e.nextOffset()) != 0) {
                    break; // the kernel's buffer is full; it asks again from this entry's offset
                }
            }
            return 0;
        } catch (Throwable t) {
            return fail("readdir", path, t);
        }
    }

    private static final int STAT_SIZE = Struct.size(new FileStat(Runtime.getSystemRuntime()));

    @Override
    public int releasedir(String path, FuseFileInfo fi) {
        dirs.remove(fi.fh.get());
        return 0;
    }

    // ---- namespace operations ----------------------------------------------------------------

    @Override
    public int mkdir(String path, @mode_t long mode) {
        try {
            tree.mkdir(path, (int) mode, caller());
            return 0;
        } catch (Throwable t) {
            return fail("mkdir", path, t);
        }
    }

    @Override
    public int rmdir(String path) {
        try {
            tree.rmdir(path, caller());
            return 0;
        } catch (Throwable t) {
            return fail("rmdir", path, t);
        }
    }

    @Override
    public int unlink(String path) {
        try {
            tree.unlink(path, caller());
            return 0;
        } catch (Throwable t) {
            return fail("unlink", path, t);
        }
    }

    @Override
    public int symlink(String target, String linkPath) {
        try {
            tree.symlink(target, linkPath, caller());
            return 0;
        } catch (Throwable t) {
            return fail("symlink", linkPath, t);
        }
    }

    @Override
    public int rename(String from, String to) {
        try {
            tree.rename(from, to, caller());
            return 0;
        } catch (Throwable t) {
            return fail("rename", from, t);
        }
    }

    @Override
    public int link(String target, String linkPath) {
        try {
            tree.create(linkPath, caller());
            return 0;
        } catch (Throwable t) {
            return fail("link", linkPath, t);
        }
    }

    @Override
    public int mknod(String path, @mode_t long mode, @dev_t long rdev) {
        try {
            tree.create(path, caller());
            return 0;
        } catch (Throwable t) {
            return fail("mknod", path, t);
        }
    }

    @Override
    public int create(String path, @mode_t long mode, FuseFileInfo fi) {
        try {
            tree.create(path, caller());
            return 0;
        } catch (Throwable t) {
            return fail("create", path, t);
        }
    }

    @Override
    public Pointer init(Pointer conn) {
        initialized.countDown();
        return null;
    }
}
