package dev.pseudofs.core;

import java.util.function.Supplier;

/**
 * Identifies the process on whose behalf a file operation runs (the kernel's {@code current}).
 *
 * <p>The core's operations receive it explicitly, in the request's {@link Context}. Callbacks of
 * the public API (show, store, seq generators, {@link RawOps}, {@link DirOps}, computed links)
 * learn it from {@link #current()}, which the core sets for exactly the duration of each callback
 * it runs for a request, so a {@code show} can depend on who reads ({@code /proc/self},
 * container-aware views). Outside callbacks it is {@link #KERNEL}.
 *
 * @param pid the calling thread's pid (thread id) as FUSE reports it
 * @param uid the caller's filesystem uid
 * @param gid the caller's filesystem gid
 */
public record Caller(int pid, int uid, int gid) {
    /** The caller used when no request is in progress: the server itself, as root. */
    public static final Caller KERNEL = new Caller(0, 0, 0);

    private static final ThreadLocal<Caller> CURRENT = ThreadLocal.withInitial(() -> KERNEL);

    /** Returns the caller of the callback running on this thread ({@link #KERNEL} outside one). */
    public static Caller current() {
        return Thread.currentThread() instanceof ServingThread t ? t.caller : CURRENT.get();
    }

    /** Runs {@code action} with {@code caller} as {@link #current()}, restoring the previous one. */
    public static <T> T runAs(Caller caller, Supplier<T> action) {
        Caller previous = swap(caller);
        try {
            return action.get();
        } finally {
            restore(previous);
        }
    }

    // The core publishes a request's caller to the callbacks it runs for it, and only for their
    // duration: swap in, run, swap the previous one back.
    // A ServingThread keeps it in a field (no ThreadLocal lookup).
    static Caller swap(Caller caller) {
        Caller previous;
        if (Thread.currentThread() instanceof ServingThread t) {
            previous = t.caller;
            t.caller = caller;
        } else {
            previous = CURRENT.get();
            CURRENT.set(caller);
        }
        return previous;
    }

    static void restore(Caller previous) {
        if (Thread.currentThread() instanceof ServingThread t) {
            t.caller = previous;
        } else {
            CURRENT.set(previous);
        }
    }

    /** Returns whether this caller is root (uid 0). */
    public boolean isRoot() {
        return uid == 0;
    }
}
