package dev.pseudofs.procfs;

import dev.pseudofs.core.FsException;

/**
 * Holds the stock sysctl handlers of kernel/sysctl.c, each a {@link ProcHandler}.
 *
 * <p>Every handler locks the row's value holder while it runs, so a reader never sees a
 * half-written vector from another writer.
 */
public final class SysctlHandlers {
    private SysctlHandlers() {}

    /** proc_dointvec: a vector of ints, any white space between them (C9-C15). */
    public static final ProcHandler DOINTVEC = new IntVec(false);

    /** proc_dointvec_minmax: as {@link #DOINTVEC}, each value checked against extra1..extra2 (C15). */
    public static final ProcHandler DOINTVEC_MINMAX = new IntVec(true);

    /** proc_douintvec: one unsigned int; '-' and values above UINT_MAX are EINVAL (C16). */
    public static final ProcHandler DOUINTVEC = new UintVec();

    /** proc_doulongvec_minmax: a vector of unsigned longs within extra1..extra2 (C17). */
    public static final ProcHandler DOULONGVEC_MINMAX = new UlongVec();

    /** proc_dostring: a NUL-terminated string of maxlen bytes (C18, C19). */
    public static final ProcHandler DOSTRING = new ProcHandler() {
        @Override
        public byte[] read(Sysctl t, long pos, int count) {
            byte[] data = (byte[]) t.data();
            synchronized (data) {
                return ProcDoString.read(data, Math.min(t.maxlen(), data.length), pos, count);
            }
        }

        @Override
        public int write(Sysctl t, byte[] src, int len, long pos) {
            byte[] data = (byte[]) t.data();
            synchronized (data) {
                return ProcDoString.write(data, Math.min(t.maxlen(), data.length), src, len, pos);
            }
        }
    };

    /** proc_dobool: one bool, parsed as an int on a temporary copy, non-zero is 1 (C14, C17). */
    public static final ProcHandler DOBOOL = new ProcHandler() {
        @Override
        public byte[] read(Sysctl t, long pos, int count) {
            boolean[] data = check(t);
            synchronized (data) {
                return DOINTVEC.read(temporary(t, data), pos, count);
            }
        }

        @Override
        public int write(Sysctl t, byte[] src, int len, long pos) {
            boolean[] data = check(t);
            synchronized (data) {
                Sysctl tmp = temporary(t, data);
                int n = DOINTVEC.write(tmp, src, len, pos); // all or nothing: a copy
                data[0] = ((int[]) tmp.data())[0] != 0;
                return n;
            }
        }

        private boolean[] check(Sysctl t) {
            boolean[] data = (boolean[]) t.data();
            if (t.maxlen() != 1 || data.length != 1) {
                throw FsException.invalid("proc_dobool supports no arrays");
            }
            return data;
        }

        private Sysctl temporary(Sysctl t, boolean[] data) {
            return t.withData(new int[] {data[0] ? 1 : 0}, 4, null, null);
        }
    };

    /** do_proc_dointvec_conv and do_proc_dointvec_minmax_conv over an {@code int[]}. */
    private static final class IntVec implements ProcHandler {
        private final boolean minmax;

        IntVec(boolean minmax) {
            this.minmax = minmax;
        }

        private ProcDoVector.Element element(Sysctl t, int[] data) {
            Long min = minmax ? t.extra1() : null;
            Long max = minmax ? t.extra2() : null;
            return new ProcDoVector.Element() {
                @Override
                public void store(int i, boolean negative, long magnitude) {
                    long v;
                    if (negative) {
                        if (Long.compareUnsigned(magnitude, 1L + Integer.MAX_VALUE) > 0) {
                            throw FsException.invalid("below INT_MIN");
                        }
                        v = -magnitude;
                    } else {
                        if (Long.compareUnsigned(magnitude, Integer.MAX_VALUE) > 0) {
                            throw FsException.invalid("above INT_MAX");
                        }
                        v = magnitude;
                    }
                    if ((min != null && v < min) || (max != null && v > max)) {
                        throw FsException.invalid("out of range: " + v);
                    }
                    data[i] = (int) v;
                }

                @Override
                public String format(int i) {
                    return Integer.toString(data[i]);
                }
            };
        }

        private static int slots(Sysctl t, int[] data) {
            return Math.min(t.maxlen() / 4, data.length);
        }

        @Override
        public byte[] read(Sysctl t, long pos, int count) {
            int[] data = (int[]) t.data();
            synchronized (data) {
                return ProcDoVector.read(slots(t, data), element(t, data), pos, count);
            }
        }

        @Override
        public int write(Sysctl t, byte[] src, int len, long pos) {
            int[] data = (int[]) t.data();
            synchronized (data) {
                return ProcDoVector.write(slots(t, data), element(t, data), src, len, pos);
            }
        }
    }

    /** do_proc_douintvec_r/_w: one unsigned int, arrays refused. */
    private static final class UintVec implements ProcHandler {
        private static int[] check(Sysctl t) {
            int[] data = (int[]) t.data();
            if (t.maxlen() / 4 != 1 || data.length != 1) {
                throw FsException.invalid("proc_douintvec supports no arrays");
            }
            return data;
        }

        @Override
        public byte[] read(Sysctl t, long pos, int count) {
            if (t.maxlen() == 0 || count == 0 || pos != 0) {
                return new byte[0];
            }
            int[] data = check(t);
            synchronized (data) {
                return ProcDoVector.cut(Integer.toUnsignedString(data[0]), count);
            }
        }

        @Override
        public int write(Sysctl t, byte[] src, int len, long pos) {
            if (t.maxlen() == 0 || len == 0) {
                return 0;
            }
            int[] data = check(t);
            if (pos != 0) {
                return len; // C10
            }
            SysctlTokens tokens = new SysctlTokens(src, 0, Math.min(len, ProcDoVector.WRITE_EXAMINED));
            tokens.skipSpaces();
            if (tokens.left() == 0) {
                throw FsException.invalid("only white space");
            }
            long v = tokens.getLong();
            if (tokens.negative() || Long.compareUnsigned(v, 0xFFFF_FFFFL) > 0) {
                throw FsException.invalid("not an unsigned int"); // C16
            }
            Long min = t.extra1();
            Long max = t.extra2();
            if ((min != null && v < min) || (max != null && v > max)) {
                throw FsException.invalid("out of range: " + v);
            }
            synchronized (data) {
                data[0] = (int) v;
            }
            return len; // anything after the first value is ignored (C16)
        }
    }

    /** __do_proc_doulongvec_minmax over a {@code long[]} read as unsigned. */
    private static final class UlongVec implements ProcHandler {
        private static ProcDoVector.Element element(Sysctl t, long[] data) {
            return new ProcDoVector.Element() {
                @Override
                public void store(int i, boolean negative, long v) {
                    if (negative) {
                        throw FsException.invalid("negative unsigned long");
                    }
                    if ((t.extra1() != null && Long.compareUnsigned(v, t.extra1()) < 0)
                            || (t.extra2() != null && Long.compareUnsigned(v, t.extra2()) > 0)) {
                        throw FsException.invalid("out of range: " + Long.toUnsignedString(v));
                    }
                    data[i] = v;
                }

                @Override
                public String format(int i) {
                    return Long.toUnsignedString(data[i]);
                }
            };
        }

        @Override
        public byte[] read(Sysctl t, long pos, int count) {
            long[] data = (long[]) t.data();
            synchronized (data) {
                return ProcDoVector.read(Math.min(t.maxlen() / 8, data.length), element(t, data), pos, count);
            }
        }

        @Override
        public int write(Sysctl t, byte[] src, int len, long pos) {
            long[] data = (long[]) t.data();
            synchronized (data) {
                return ProcDoVector.write(Math.min(t.maxlen() / 8, data.length), element(t, data), src, len, pos);
            }
        }
    }
}
