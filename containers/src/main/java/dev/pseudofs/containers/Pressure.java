package dev.pseudofs.containers;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * PSI triggers as the kernel parses and fires them (Documentation/accounting/psi.rst,
 * kernel/sched/psi.c: psi_write, psi_trigger_create, update_triggers, window_update).
 *
 * <p>A trigger is written as {@code some|full <threshold us> <window us>}; it fires when the
 * stall time of its state grew by the threshold within the window, at most once per window.
 * The kernel watches its own counters; a container view watches the {@code total=} of the
 * file the trigger's reader gets (its cgroup's {@code *.pressure}, or the host's
 * /proc/pressure file), sampled as often as the kernel updates triggers.
 */
final class Pressure {
    /** psi_write copies at most this many bytes and ends the string at the last (char buf[32]). */
    static final int WRITE_BUF = 32;
    /** The longest window: 10 s (WINDOW_MAX_US). */
    static final long WINDOW_MAX_US = 10_000_000L;
    /** Unprivileged windows are multiples of 2 s, and such triggers are updated every 2 s (PSI_FREQ). */
    static final long UNPRIVILEGED_UNIT_US = 2_000_000L;
    /** Privileged triggers are updated this many times per window (UPDATES_PER_WINDOW). */
    static final int UPDATES_PER_WINDOW = 10;

    private Pressure() {}

    /**
     * Parses what one write(2) put into a /proc/pressure file, as psi_write does: the first
     * {@link #WRITE_BUF} bytes with the last of them replaced by NUL, then
     * {@code sscanf("some %u %u")} or {@code "full %u %u"}, then the window and threshold checks.
     *
     * @param privileged whether the writer has CAP_SYS_RESOURCE (else windows are 2 s multiples)
     * @throws FsException EINVAL as the kernel answers it
     */
    static Trigger parse(ByteBuffer written, boolean privileged) {
        int n = Math.min(written.remaining(), WRITE_BUF);
        if (n == 0) {
            throw FsException.invalid("empty trigger");
        }
        byte[] buf = new byte[n];
        written.get(buf);
        buf[n - 1] = 0;
        int end = 0;
        while (end < n && buf[end] != 0) {
            end++;
        }
        String s = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        boolean full;
        long[] v;
        if ((v = scan(s, "some")) != null) {
            full = false;
        } else if ((v = scan(s, "full")) != null) {
            full = true;
        } else {
            throw FsException.invalid("not 'some|full <threshold us> <window us>': " + s.strip());
        }
        long threshold = v[0];
        long window = v[1];
        if (window == 0 || window > WINDOW_MAX_US) {
            throw FsException.invalid("window out of (0, 10 s]: " + window);
        }
        if (!privileged && window % UNPRIVILEGED_UNIT_US != 0) {
            throw FsException.invalid("without CAP_SYS_RESOURCE the window is a multiple of 2 s: " + window);
        }
        if (threshold == 0 || threshold > window) {
            throw FsException.invalid("threshold out of (0, window]: " + threshold);
        }
        return new Trigger(full, threshold, window, privileged ? window / UPDATES_PER_WINDOW : UNPRIVILEGED_UNIT_US);
    }

    // The kernel's sscanf(s, word + " %u %u"): the word literally, then each " %u" skips any
    // white space (none included) and reads decimal digits, the value taken modulo 2^32; a
    // number past 2^64 fails the conversion. Whatever follows is ignored. Null when fewer than
    // two numbers convert.
    private static long[] scan(String s, String word) {
        if (!s.startsWith(word)) {
            return null;
        }
        long[] out = new long[2];
        int i = word.length();
        for (int k = 0; k < 2; k++) {
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            long value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                int d = s.charAt(i) - '0';
                if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                    return null; // overflows unsigned long long: the conversion fails
                }
                value = value * 10 + d;
                i++;
            }
            if (i == start) {
                return null;
            }
            out[k] = value & 0xFFFF_FFFFL; // stored through an unsigned int *
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * Returns the {@code total=} (microseconds of stall) on the {@code some} or {@code full}
     * line of a pressure file's content, or -1 when the line is missing.
     */
    static long total(byte[] content, boolean full) {
        if (content == null) {
            return -1;
        }
        String s = new String(content, StandardCharsets.ISO_8859_1);
        String word = full ? "full " : "some ";
        for (String line : s.split("\n")) {
            if (line.startsWith(word)) {
                int at = line.indexOf(" total=");
                if (at >= 0) {
                    try {
                        return Long.parseLong(line.substring(at + 7).trim());
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Is one trigger: psi_trigger with its window. Not thread-safe: one sampler updates it;
     * {@link #takeEvent()} may be called from any thread.
     */
    static final class Trigger {
        final boolean full;
        final long threshold;  // us
        final long window;     // us
        final long period;     // us between updates
        private long lastTotal = -1;
        private long winStart;
        private long winStartValue;
        private long prevGrowth;
        private long lastEvent = Long.MIN_VALUE / 2;
        private boolean pending;
        private final java.util.concurrent.atomic.AtomicBoolean event = new java.util.concurrent.atomic.AtomicBoolean();

        Trigger(boolean full, long threshold, long window, long period) {
            this.full = full;
            this.threshold = threshold;
            this.window = window;
            this.period = period;
        }

        /** Starts the window at {@code now} (us) with the stall total {@code total} (window_reset). */
        void start(long now, long total) {
            lastTotal = total;
            winStart = now;
            winStartValue = total;
            prevGrowth = 0;
        }

        /**
         * Takes a new sample (update_triggers); returns whether the trigger fired now, which
         * the caller turns into a wake-up of the file's pollers.
         */
        boolean update(long now, long total) {
            if (total < 0) {
                return false;
            }
            boolean newStall = total != lastTotal;
            lastTotal = total;
            if (!newStall && !pending) {
                return false;
            }
            if (newStall) {
                long growth = windowUpdate(now, total);
                if (!pending) {
                    if (growth < threshold) {
                        return false;
                    }
                    pending = true;
                }
            }
            if (now < lastEvent + window) {
                return false; // at most one event per window
            }
            boolean fired = event.compareAndSet(false, true);
            lastEvent = now;
            pending = false;
            return fired;
        }

        // window_update: growth since the window started, plus the previous window's growth
        // interpolated over what is left of this one.
        private long windowUpdate(long now, long value) {
            long elapsed = now - winStart;
            long growth = value - winStartValue;
            if (elapsed > window) {
                winStart = now;
                winStartValue = value;
                prevGrowth = growth;
            } else {
                growth += prevGrowth * (window - elapsed) / window;
            }
            return growth;
        }

        /** Returns whether an event is pending and consumes it (psi_trigger_poll's cmpxchg). */
        boolean takeEvent() {
            return event.compareAndSet(true, false);
        }
    }

    /** The errno of a second trigger on one open file. */
    static FsException busy() {
        return new FsException(Errno.EBUSY, "this open file has a trigger already");
    }
}
