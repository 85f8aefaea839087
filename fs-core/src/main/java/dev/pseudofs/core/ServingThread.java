package dev.pseudofs.core;

/**
 * Is a thread that serves requests (the FUSE bridge's workers): it holds its
 * {@link Caller#current()} in a field instead of a {@link ThreadLocal}. The core publishes a
 * request's caller around every callback it runs (three times for an open+read+close), and a
 * ThreadLocal lookup or update each time cost about 2% of the server's CPU (bench/README.md).
 */
public final class ServingThread extends Thread {
    Caller caller = Caller.KERNEL; // read and written by this thread only

    /** Creates a thread that runs {@code task}, called {@code name}. */
    public ServingThread(Runnable task, String name) {
        super(task, name);
    }
}
