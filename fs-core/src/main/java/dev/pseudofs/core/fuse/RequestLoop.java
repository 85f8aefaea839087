package dev.pseudofs.core.fuse;

import dev.pseudofs.core.ServingThread;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import jnr.ffi.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the requests of one {@link Session} on Java threads and hands each to the
 * {@link FuseBridge}, which answers it on the same thread.
 *
 * <p>One worker reads {@code /dev/fuse} and answers, as libfuse's single-threaded loop does: on
 * few cores that is the fastest way through the kernel, also with several readers (bench/README.md).
 * A watchdog adds a reader when no worker is waiting for requests and the newest request began
 * more than {@link #STALL_NANOS} ago, i.e. when every worker is held by a callback that blocks,
 * so nothing else waits behind it for long. A worker that finds another one already waiting
 * stands by until the watchdog needs it again. With {@code single} ({@code -s}) there is one
 * worker and no watchdog. The watchdog naps while the file system is quiet.
 *
 * <p>A worker that has answered a request asks for the next one without sleeping for
 * {@code spinNanos} ({@code -o spin=}, MountOptions#spinMicros) before it sleeps in poll(2): a
 * caller's next request (the READ after an OPEN) usually comes within microseconds, and one
 * found without a wake-up is answered sooner, on both sides of the round trip
 * (bench/README.md). Only a worker that has just answered spins, so an idle mount costs nothing.
 */
final class RequestLoop {
    private static final Logger log = LoggerFactory.getLogger(RequestLoop.class);
    private static final int EINTR = 4;
    static final long STALL_NANOS = 2_000_000;
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final int MAX_WORKERS = 256;

    private final Session session;
    private final boolean single;
    private final long spinNanos;
    private final FuseBridge bridge;
    private final AtomicInteger waiting = new AtomicInteger(); // workers spinning or blocked in receive
    private final AtomicInteger busy = new AtomicInteger();    // workers inside a request
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger standing = new AtomicInteger();
    private final Semaphore standby = new Semaphore(0);
    private final Object done = new Object();
    private volatile long lastStart = System.nanoTime();
    private volatile boolean napping;
    private volatile boolean ended;
    private volatile Thread watchdog;

    RequestLoop(Session session, boolean single, long spinNanos, FuseBridge bridge) {
        this.session = session;
        this.single = single;
        this.spinNanos = spinNanos;
        this.bridge = bridge;
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
        // This worker's request buffer, read into by address and decoded in place: the largest
        // request the kernel may send (Session.BUF_SIZE, 1 MiB of data plus headers).
        ByteBuffer in;
        try {
            in = ByteBuffer.allocateDirect(Session.BUF_SIZE).order(Wire.ORDER);
        } catch (OutOfMemoryError e) { // direct memory is short: serve with the workers we have
            log.warn("{}: no memory for another request worker: {}", session.mountPoint(), e.getMessage());
            synchronized (done) {
                if (workers.decrementAndGet() == 0) {
                    ended = true;
                    session.exit();
                }
                done.notifyAll();
            }
            return;
        }
        long address = session.addressOf(in);
        Pointer pollfd = session.newPollFd();
        Request request = bridge.newRequest(in);
        long answered = System.nanoTime() - spinNanos; // no spin before the first request
        try {
            while (!ended && !session.exited()) {
                waiting.incrementAndGet();
                int res = session.tryReceive(address);
                while (res < 0 && System.nanoTime() - answered < spinNanos) {
                    Thread.onSpinWait();
                    res = session.tryReceive(address);
                }
                if (res < 0) {
                    res = session.receive(address, pollfd);
                }
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
                request.decode(res);
                busy.incrementAndGet();
                lastStart = System.nanoTime();
                if (napping) {
                    LockSupport.unpark(watchdog);
                }
                try {
                    bridge.answer(request);
                } finally {
                    busy.decrementAndGet();
                }
                answered = System.nanoTime();
                if (!single && waiting.get() > 0 && !standBy()) {
                    break;
                }
            }
        } catch (Throwable t) {
            log.error("the request loop of {} failed: {}", session.mountPoint(), t.toString());
            log.debug("stack trace of the failure above", t);
            session.exit();
        } finally {
            bridge.dropRequest(request);
            ended = true; // a worker leaves only when the loop ends: release the others
            standby.release(MAX_WORKERS);
            synchronized (done) {
                workers.decrementAndGet();
                done.notifyAll();
            }
        }
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
        Thread t = new ServingThread(this::work, "pseudofs-fuse-worker " + session.mountPoint());
        t.setDaemon(true);
        t.start();
    }
}
