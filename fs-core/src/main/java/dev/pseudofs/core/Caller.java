package dev.pseudofs.core;

import java.util.function.Supplier;

/**
 * Identifies the process on whose behalf a file operation runs (the kernel's {@code current}).
 *
 * <p>The FUSE bridge takes it from the request context on every call, so a {@code show} can
 * depend on who reads ({@code /proc/self}, container-aware views) through {@link #current()}.
 *
 * @param pid the calling thread's pid (thread id) as FUSE reports it
 * @param uid the caller's filesystem uid
 * @param gid the caller's filesystem gid
 */
public record Caller(int pid, int uid, int gid) {
    /** The caller used when no request is in progress: the server itself, as root. */
    public static final Caller KERNEL = new Caller(0, 0, 0);

    private static final ThreadLocal<Caller> CURRENT = ThreadLocal.withInitial(() -> KERNEL);

    /** Returns the caller of the file operation running on this thread. */
    public static Caller current() {
        return CURRENT.get();
    }

    /** Runs {@code action} with {@code caller} as {@link #current()}, restoring the previous one. */
    public static <T> T runAs(Caller caller, Supplier<T> action) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        try {
            return action.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Sets the caller for the request now starting on this thread (used by the FUSE bridge). */
    public static void enter(Caller caller) {
        CURRENT.set(caller);
    }

    /** Returns whether this caller is root (uid 0). */
    public boolean isRoot() {
        return uid == 0;
    }
}
