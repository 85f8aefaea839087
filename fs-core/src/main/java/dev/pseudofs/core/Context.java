package dev.pseudofs.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Is the request an operation runs for, passed down explicitly by the protocol layer: who asks
 * (the kernel's {@code current}), whether the kernel holds the lock of the directory the request
 * is about, and whether the caller was interrupted by a signal since ({@code FUSE_INTERRUPT}).
 *
 * <p>The core's operations ({@link Tree#lookup}, {@link Tree#open}, {@link OpenFile#read}, ...)
 * take one and read nothing from the thread. Callbacks of the public API (show, store, seq
 * generators, {@link RawOps}, {@link DirOps}) learn their caller from {@link Caller#current()},
 * which the core sets for exactly the duration of each callback it runs, and the request of a
 * read or write in progress from {@link OpenFile#context()}.
 *
 * <p>The protocol layer subclasses this with one reusable object per worker; a {@code Context}
 * is therefore valid only during the operation it was passed to.
 */
public class Context {
    /** The program's own calls (no request): the server itself as root, never interrupted. */
    public static final Context KERNEL = new Context(Caller.KERNEL);

    private volatile Caller caller;
    private boolean parentLocked;
    private volatile Thread thread; // the one serving the request, woken by an interrupt

    /** Creates a context for {@code caller}, with no directory lock held and no interrupt. */
    protected Context(Caller caller) {
        this.caller = caller;
    }

    /** Returns a context for the program's own call on behalf of {@code caller}. */
    public static Context of(Caller caller) {
        return caller == Caller.KERNEL ? KERNEL : new Context(caller);
    }

    /** Starts a new request on this (reused) context; for the protocol layer. */
    protected final void begin(Caller caller, Thread thread) {
        // Volatile writes only where something changes: a worker's requests mostly come from
        // one process, always on the same thread.
        if (this.caller != caller) {
            this.caller = caller;
        }
        this.parentLocked = false;
        if (this.thread != thread) {
            this.thread = thread;
        }
    }

    /** Records that the kernel holds the lock of the directory this request is about. */
    protected final void lockParent() {
        parentLocked = true;
    }

    /** Wakes the thread serving this request, if it waits in {@link #pause}. */
    protected final void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Returns the process the request runs for. */
    public final Caller caller() {
        return caller;
    }

    /**
     * Returns whether the kernel holds the lock of the request's directory (lookup, readdir,
     * mkdir, rmdir, unlink, rename, ...): dropping a name of that directory from the kernel's
     * cache must then wait until the reply is sent.
     */
    public final boolean parentLocked() {
        return parentLocked;
    }

    /**
     * Returns whether the caller was interrupted by a signal while the request ran: a long
     * callback should then stop and fail with EINTR (see {@link #checkInterrupted()}).
     */
    public boolean interrupted() {
        return false;
    }

    /** Throws EINTR when {@link #interrupted()}: the kernel's {@code signal_pending} check. */
    public final void checkInterrupted() {
        if (interrupted()) {
            throw new FsException(Errno.EINTR, "interrupted");
        }
    }

    /**
     * Waits up to {@code time} for something a callback waits for (new data, a change), as the
     * kernel's interruptible sleeps do: returns early when woken, and fails with EINTR as soon as
     * the caller is interrupted. Callers loop until what they wait for is there.
     */
    public final void pause(long time, TimeUnit unit) {
        checkInterrupted();
        LockSupport.parkNanos(this, unit.toNanos(time));
        checkInterrupted();
    }
}
