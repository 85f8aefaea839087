package dev.pseudofs.core;

/**
 * Is a pending poll(2) registration the kernel asked to be told about (a FUSE poll handle).
 *
 * <p>An {@link OpenFile} keeps at most one; {@link File#notifyChanged()} or the removal of the
 * node wakes it once, after which the kernel polls again.
 */
public interface PollWaiter {
    /** Tells the kernel to poll again; called at most once, after which the waiter is spent. */
    void wake();

    /** Releases the waiter without waking anyone (replaced by a newer one, or file closed). */
    void discard();
}
