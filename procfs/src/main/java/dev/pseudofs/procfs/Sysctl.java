package dev.pseudofs.procfs;

import java.util.Objects;

/**
 * Is one row of a sysctl table (the kernel's {@code struct ctl_table}): a file under /proc/sys.
 *
 * <p>The value lives in {@code data}, an array the program keeps and reads ({@code int[]} for the
 * int and unsigned int handlers, {@code long[]} for unsigned longs, {@code byte[]} holding a
 * NUL-terminated string, {@code boolean[]} for a bool); handlers lock on it while they run.
 * Use the static factories for the stock handlers.
 *
 * @param procname the file name
 * @param data the value holder the handler reads and writes
 * @param maxlen the size of the value in bytes, as in C (4 per int, 8 per long, 1 per bool)
 * @param mode the permission bits of the file (C1)
 * @param handler the proc_handler
 * @param extra1 the minimum for *_minmax handlers, or {@code null}
 * @param extra2 the maximum for *_minmax handlers, or {@code null}
 */
public record Sysctl(String procname, Object data, int maxlen, int mode, ProcHandler handler,
                     Long extra1, Long extra2) {
    /** Validates the row. */
    public Sysctl {
        Objects.requireNonNull(procname, "procname");
        Objects.requireNonNull(handler, "handler");
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("sysctl mode beyond 0777: 0" + Integer.toOctalString(mode));
        }
        if (maxlen < 0) {
            throw new IllegalArgumentException("negative maxlen");
        }
    }

    /** Returns a row of ints handled by proc_dointvec. */
    public static Sysctl intvec(String procname, int[] data, int mode) {
        return new Sysctl(procname, data, data.length * 4, mode, SysctlHandlers.DOINTVEC, null, null);
    }

    /** Returns a row of ints handled by proc_dointvec_minmax with bounds {@code min..max}. */
    public static Sysctl intvecMinmax(String procname, int[] data, int mode, int min, int max) {
        return new Sysctl(procname, data, data.length * 4, mode, SysctlHandlers.DOINTVEC_MINMAX,
                (long) min, (long) max);
    }

    /** Returns an unsigned int row (the int's bits read as unsigned) handled by proc_douintvec. */
    public static Sysctl uint(String procname, int[] data, int mode) {
        return new Sysctl(procname, data, data.length * 4, mode, SysctlHandlers.DOUINTVEC, null, null);
    }

    /**
     * Returns a row of unsigned longs handled by proc_doulongvec_minmax; {@code null} bounds are
     * not checked.
     */
    public static Sysctl ulongvecMinmax(String procname, long[] data, int mode, Long min, Long max) {
        return new Sysctl(procname, data, data.length * 8, mode, SysctlHandlers.DOULONGVEC_MINMAX,
                min, max);
    }

    /** Returns a string row of {@code data.length} bytes (maxlen) handled by proc_dostring. */
    public static Sysctl string(String procname, byte[] data, int mode) {
        return new Sysctl(procname, data, data.length, mode, SysctlHandlers.DOSTRING, null, null);
    }

    /** Returns a bool row handled by proc_dobool. */
    public static Sysctl bool(String procname, boolean[] data, int mode) {
        return new Sysctl(procname, data, data.length, mode, SysctlHandlers.DOBOOL, null, null);
    }

    /** Returns a copy of this row with another value holder and bounds (a handler's temporary). */
    public Sysctl withData(Object newData, int newMaxlen, Long min, Long max) {
        return new Sysctl(procname, newData, newMaxlen, mode, handler, min, max);
    }
}
