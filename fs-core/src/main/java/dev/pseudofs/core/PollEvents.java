package dev.pseudofs.core;

/** Names the poll(2) event bits (Linux values). */
public final class PollEvents {
    /** Data to read. */
    public static final int POLLIN = 0x001;
    /** Urgent data: for kernfs files, "changed since you last read" (K30). */
    public static final int POLLPRI = 0x002;
    /** Writing will not block. */
    public static final int POLLOUT = 0x004;
    /** Error condition: for kernfs files, set together with POLLPRI on a change (K30). */
    public static final int POLLERR = 0x008;
    /** Hang up: debugfs files after removal (D5). */
    public static final int POLLHUP = 0x010;
    /** Normal data to read. */
    public static final int POLLRDNORM = 0x040;
    /** Normal data may be written. */
    public static final int POLLWRNORM = 0x100;

    /** What every kernfs file reports: always readable and writable (DEFAULT_POLLMASK, K30). */
    public static final int DEFAULT_MASK = POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM;

    private PollEvents() {}
}
