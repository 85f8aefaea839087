package dev.pseudofs.procfs;

import java.util.Arrays;

/**
 * Reads and writes a NUL-terminated string of {@code maxlen} bytes, as kernel/sysctl.c
 * {@code _proc_do_string} with sysctl_writes_strict = 1 (C18, C19).
 */
final class ProcDoString {
    private ProcDoString() {}

    /** Returns the length of the string in {@code data}: up to the first NUL. */
    static int strlen(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return data.length;
    }

    /** Returns the text of a read of {@code count} bytes at {@code pos}: the string from pos, "\n" if room. */
    static byte[] read(byte[] data, int maxlen, long pos, int count) {
        if (maxlen == 0 || count == 0) {
            return new byte[0];
        }
        int len = Math.min(strlen(data), maxlen);
        if (pos > len) {
            return new byte[0];
        }
        int n = Math.min(len - (int) pos, count);
        byte[] out = Arrays.copyOfRange(data, (int) pos, (int) pos + n + (n < count ? 1 : 0));
        if (n < count) {
            out[n] = '\n';
        }
        return out;
    }

    /**
     * Writes {@code len} bytes at {@code pos}: from pos, copy up to the first NUL or "\n" or
     * maxlen - 1 bytes and terminate there; a position past the current length is ignored.
     *
     * @return always {@code len}, the full count (C19)
     */
    static int write(byte[] data, int maxlen, byte[] src, int len, long pos) {
        if (maxlen == 0 || len == 0) {
            return 0;
        }
        int cur = Math.min(strlen(data), maxlen - 1);
        if (pos > cur) {
            return len;
        }
        int at = (int) pos;
        for (int i = 0; i < len && at < maxlen - 1; i++) {
            byte c = src[i];
            if (c == 0 || c == '\n') {
                break;
            }
            data[at++] = c;
        }
        data[at] = 0;
        return len;
    }
}
