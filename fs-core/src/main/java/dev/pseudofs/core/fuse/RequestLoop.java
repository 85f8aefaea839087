package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Owner;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import jnr.ffi.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and answers the requests of one {@link Session} on Java threads (libfuse's own loops
 * would call into the JVM from native threads, which jffi attaches and detaches around calls).
 *
 * <p>One worker reads {@code /dev/fuse} and answers, as libfuse's single-threaded loop does: on
 * few cores that is the fastest way through the kernel, also with several readers (bench/README.md).
 * A watchdog adds a reader when no worker is waiting for requests and the newest request began
 * more than {@link #STALL_NANOS} ago, i.e. when every worker is held by a callback that blocks,
 * so nothing else waits behind it for long. A worker that finds another one already waiting
 * stands by until the watchdog needs it again. With {@code single} ({@code -s}) there is one
 * worker and no watchdog. The watchdog naps while the file system is quiet.
 */
final class RequestLoop {
    private static final Logger log = LoggerFactory.getLogger(RequestLoop.class);
    private static final int EINTR = 4;
    static final long STALL_NANOS = 2_000_000;
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final int MAX_WORKERS = 256;

    private final Session session;
    private final boolean single;
    private final Predicate<Pointer> direct;
    private final LongFunction<Owner> ownerOf;
    private final AtomicInteger waiting = new AtomicInteger(); // workers blocked in receive
    private final AtomicInteger busy = new AtomicInteger();    // workers inside a request
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger standing = new AtomicInteger();
    private final Semaphore standby = new Semaphore(0);
    private final Object done = new Object();
    private volatile long lastStart = System.nanoTime();
    private volatile boolean napping;
    private volatile boolean ended;
    private volatile Thread watchdog;

    RequestLoop(Session session, boolean single, Predicate<Pointer> direct, LongFunction<Owner> ownerOf) {
        this.session = session;
        this.single = single;
        this.direct = direct;
        this.ownerOf = ownerOf;
    }

    /** Serves on this thread (and helpers) until unmounted, then waits for every worker. */
    void run() {
        workers.incrementAndGet();
        if (!single) {
            Thread w = new Thread(this::watch, "pseudofs-fuse-watchdog " + session.mountPoint());
            w.setDaemon(true);
            watchdog = w;
            w.start();
        }
        work();
        synchronized (done) {
            while (workers.get() > 0) {
                try {
                    done.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Thread w = watchdog;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Returns how long no request has been in hand (0 while one is being answered). */
    long idleNanos() {
        return busy.get() > 0 ? 0 : Math.max(0, System.nanoTime() - lastStart);
    }

    private void work() {
        Pointer buf = session.allocate(session.bufSize());
        Pointer chp = session.allocate(8);
        Caller caller = Caller.KERNEL;
        long ownerId = -1; // node ids are never reused: the owner of the last one can be kept
        Owner owner = null;
        try {
            while (!ended && !session.exited()) {
                waiting.incrementAndGet();
                int res = session.receive(buf, chp);
                waiting.decrementAndGet();
                if (res == -EINTR) {
                    continue;
                }
                if (res <= 0) { // 0: unmounted
                    if (res < 0) {
                        log.warn("reading /dev/fuse for {} failed: errno {}", session.mountPoint(), -res);
                    }
                    break;
                }
                caller = callerOf(buf, caller);
                Caller.enter(caller);
                long id = buf.getLong(Layout.IN_NODEID);
                if (id != ownerId) {
                    ownerId = id;
                    owner = ownerOf.apply(id);
                }
                Owner.enter(owner); // THIS_MODULE of the code the request runs
                busy.incrementAndGet();
                lastStart = System.nanoTime();
                if (napping) {
                    LockSupport.unpark(watchdog);
                }
                try {
                    if (!direct.test(buf)) {
                        session.process(buf, res, chp);
                    }
                } finally {
                    busy.decrementAndGet();
                }
                if (!single && waiting.get() > 0 && !standBy()) {
                    break;
                }
            }
        } catch (Throwable t) {
            log.error("the request loop of {} failed: {}", session.mountPoint(), t.toString());
            log.debug("stack trace of the failure above", t);
            session.exit();
        } finally {
            ended = true; // a worker leaves only when the loop ends: release the others
            standby.release(MAX_WORKERS);
            synchronized (done) {
                workers.decrementAndGet();
                done.notifyAll();
            }
        }
    }

    // The process a request comes from, from its header (what libfuse's fuse_req_ctx gives),
    // reusing the previous one when it is the same.
    private static Caller callerOf(Pointer buf, Caller previous) {
        int pid = buf.getInt(Layout.IN_PID);
        int uid = buf.getInt(Layout.IN_UID);
        int gid = buf.getInt(Layout.IN_GID);
        if (previous.pid() == pid && previous.uid() == uid && previous.gid() == gid) {
            return previous;
        }
        return new Caller(pid, uid, gid);
    }

    // Another worker is waiting for requests: wait until the watchdog needs this one; false once
    // the loop has ended.
    private boolean standBy() {
        standing.incrementAndGet();
        try {
            standby.acquireUninterruptibly();
        } finally {
            standing.decrementAndGet();
        }
        return !ended;
    }

    private void watch() {
        while (!ended) {
            long now = System.nanoTime();
            if (waiting.get() == 0 && busy.get() > 0 && now - lastStart > STALL_NANOS) {
                addReader();
                lastStart = now; // give the new reader time to reach receive
            } else if (busy.get() == 0 && now - lastStart > QUIET_NANOS) {
                napping = true;
                if (!ended && System.nanoTime() - lastStart > QUIET_NANOS) {
                    LockSupport.park(this); // a worker starting a request wakes us
                }
                napping = false;
                continue;
            }
            LockSupport.parkNanos(this, STALL_NANOS / 2);
        }
    }

    private void addReader() {
        if (standing.get() > 0) {
            standby.release();
            return;
        }
        if (workers.incrementAndGet() > MAX_WORKERS) {
            workers.decrementAndGet();
            log.warn("{}: all {} request workers are blocked in callbacks", session.mountPoint(), MAX_WORKERS);
            return;
        }
        Thread t = new Thread(this::work, "pseudofs-fuse-worker " + session.mountPoint());
        t.setDaemon(true);
        t.start();
    }
}
