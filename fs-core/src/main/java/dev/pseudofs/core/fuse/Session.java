package dev.pseudofs.core.fuse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is one mounted libfuse 2 low-level session: the channel to {@code /dev/fuse} and the threads
 * that read requests from it.
 *
 * <p>The request loop runs on Java threads (libfuse's own loop would call into the JVM from
 * native threads, which jffi attaches and detaches around each call): a worker reads one request,
 * starts another worker if it was the last idle one, and processes the request, so a callback
 * that blocks never stalls the others. Surplus idle workers end, as in libfuse's
 * {@code fuse_session_loop_mt}. With {@code single} one worker serves everything ({@code -s}).
 */
final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final int EINTR = 4;
    private static final int MAX_IDLE = 10;
    private static final int MAX_WORKERS = 256;

    private final LibFuse fuse;
    private final Runtime runtime;
    private final String mountPoint;
    private final Pointer channel;
    private final Pointer session;
    private final long bufSize;
    private final boolean single;
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger workers = new AtomicInteger();
    private final Object done = new Object();
    // Notifications take the read side, destroy the write side: no notice after the channel is gone.
    private final ReadWriteLock alive = new ReentrantReadWriteLock();
    private boolean destroyed;

    private Session(LibFuse fuse, Runtime runtime, String mountPoint, Pointer channel, Pointer session,
                    boolean single) {
        this.fuse = fuse;
        this.runtime = runtime;
        this.mountPoint = mountPoint;
        this.channel = channel;
        this.session = session;
        this.single = single;
        this.bufSize = fuse.fuse_chan_bufsize(channel);
    }

    /**
     * Mounts {@code mountPoint} with libfuse's mount options {@code args} and creates a session
     * answering with {@code ops}; returns null when libfuse refused (it says why on stderr).
     */
    static Session open(LibFuse fuse, Runtime runtime, String mountPoint, List<String> args,
                        Pointer ops, boolean single) {
        List<Pointer> memory = new ArrayList<>(); // referenced until libfuse has copied the options
        Pointer fuseArgs = fuseArgs(runtime, args, memory);
        Pointer ch = fuse.fuse_mount(mountPoint, fuseArgs);
        if (ch == null || ch.address() == 0) {
            return null;
        }
        Pointer se = fuse.fuse_lowlevel_new(fuseArgs, ops, (long) Layout.OPS_COUNT * 8, null);
        fuse.fuse_opt_free_args(fuseArgs);
        memory.clear();
        if (se == null || se.address() == 0) {
            fuse.fuse_unmount(mountPoint, ch);
            return null;
        }
        fuse.fuse_session_add_chan(se, ch);
        return new Session(fuse, runtime, mountPoint, ch, se, single);
    }

    // struct fuse_args { int argc; char **argv; int allocated; }, argv[0] the program name.
    private static Pointer fuseArgs(Runtime runtime, List<String> args, List<Pointer> memory) {
        List<String> all = new ArrayList<>();
        all.add("pseudofs");
        all.addAll(args);
        Pointer argv = runtime.getMemoryManager().allocateDirect(8L * (all.size() + 1), true);
        for (int i = 0; i < all.size(); i++) {
            byte[] b = all.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer s = runtime.getMemoryManager().allocateDirect(b.length + 1, true);
            s.put(0, b, 0, b.length);
            argv.putPointer(8L * i, s);
            memory.add(s);
        }
        memory.add(argv);
        Pointer fa = runtime.getMemoryManager().allocateDirect(24, true);
        fa.putInt(0, all.size());
        fa.putPointer(8, argv);
        memory.add(fa);
        return fa;
    }

    /** Serves requests on this thread and helpers until the file system is unmounted. */
    void serve() {
        workers.incrementAndGet();
        work();
        synchronized (done) {
            while (workers.get() > 0) {
                try {
                    done.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void startWorker() {
        if (workers.incrementAndGet() > MAX_WORKERS) {
            workers.decrementAndGet();
            return;
        }
        Thread t = new Thread(this::work, "pseudofs-fuse-worker " + mountPoint);
        t.setDaemon(true);
        t.start();
    }

    private void work() {
        Pointer buf = runtime.getMemoryManager().allocateDirect(bufSize);
        Pointer chp = runtime.getMemoryManager().allocateDirect(8, true);
        try {
            while (fuse.fuse_session_exited(session) == 0) {
                chp.putPointer(0, channel);
                idle.incrementAndGet();
                int res = fuse.fuse_chan_recv(chp, buf, bufSize);
                int stillIdle = idle.decrementAndGet();
                if (res == -EINTR) {
                    continue;
                }
                if (res <= 0) { // 0: unmounted
                    if (res < 0) {
                        log.warn("reading /dev/fuse for {} failed: errno {}", mountPoint, -res);
                    }
                    break;
                }
                if (stillIdle == 0 && !single) {
                    startWorker();
                }
                fuse.fuse_session_process(session, buf, res, chp.getPointer(0));
                if (!single && idle.get() >= MAX_IDLE) {
                    break; // enough others wait for work
                }
            }
        } catch (Throwable t) {
            log.error("the request loop of {} failed: {}", mountPoint, t.toString());
            log.debug("stack trace of the failure above", t);
            fuse.fuse_session_exit(session);
        } finally {
            synchronized (done) {
                workers.decrementAndGet();
                done.notifyAll();
            }
        }
    }

    /** Runs {@code notice} with the channel, unless the session is gone; returns its result or -1. */
    int notify(java.util.function.ToIntFunction<Pointer> notice) {
        alive.readLock().lock();
        try {
            return destroyed ? -1 : notice.applyAsInt(channel);
        } finally {
            alive.readLock().unlock();
        }
    }

    /** Frees the session and closes the channel (unmounting if the kernel still has the mount). */
    void destroy() {
        alive.writeLock().lock();
        try {
            if (destroyed) {
                return;
            }
            destroyed = true;
            fuse.fuse_session_remove_chan(channel);
            fuse.fuse_session_destroy(session);
            fuse.fuse_unmount(mountPoint, channel);
        } finally {
            alive.writeLock().unlock();
        }
    }
}
