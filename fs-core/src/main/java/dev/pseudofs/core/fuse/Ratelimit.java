package dev.pseudofs.core.fuse;

import java.util.function.LongSupplier;

/**
 * Lets a message through at most {@code burst} times per {@code intervalNanos}, as the kernel's
 * printk_ratelimited (lib/ratelimit.c: 10 per 5 s by default), and counts what it held back so
 * that the next message can say how many were missed. A caller that repeats a failing request
 * thousands of times a second thus cannot fill the log (and /run, a tmpfs, where a background
 * server writes it).
 */
final class Ratelimit {
    private final long intervalNanos;
    private final int burst;
    private final LongSupplier clock;
    private long begin;
    private int printed;
    private int missed;

    Ratelimit(long intervalNanos, int burst) {
        this(intervalNanos, burst, System::nanoTime);
    }

    Ratelimit(long intervalNanos, int burst, LongSupplier clock) {
        this.intervalNanos = intervalNanos;
        this.burst = burst;
        this.clock = clock;
        this.begin = clock.getAsLong() - intervalNanos;
    }

    /**
     * Returns -1 when this message must be held back, else how many were held back since the
     * last one let through (0 mostly).
     */
    synchronized int allow() {
        long now = clock.getAsLong();
        if (now - begin >= intervalNanos) {
            begin = now;
            printed = 0;
        }
        if (printed >= burst) {
            missed++;
            return -1;
        }
        printed++;
        int m = missed;
        missed = 0;
        return m;
    }
}
