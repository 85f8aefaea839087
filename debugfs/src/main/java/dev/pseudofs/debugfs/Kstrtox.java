package dev.pseudofs.debugfs;

import dev.pseudofs.core.FsException;

/**
 * Parses numbers and booleans from what user space wrote, as lib/kstrtox.c does.
 *
 * <p>Input is a C string: the bytes up to the first NUL (or the end). Numbers use base 0
 * (a "0x" prefix followed by a hex digit means hex, a leading "0" octal, anything else
 * decimal), may end in one "\n" and nothing else; no digits or trailing junk is EINVAL and a
 * value that does not fit in 64 bits is ERANGE (checked before the junk, as _kstrtoull).
 */
final class Kstrtox {
    private Kstrtox() {}

    /** Returns the length of the C string in {@code s}: up to the first NUL. */
    static int cLength(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                return i;
            }
        }
        return s.length;
    }

    /** Parses an unsigned 64-bit number with base 0, optional leading '+' (kstrtoull). */
    static long kstrtoull(byte[] s) {
        int len = cLength(s);
        int i = 0;
        if (i < len && s[i] == '+') {
            i++;
        }
        return parseUnsigned(s, i, len);
    }

    /** Parses a signed 64-bit number with base 0 (kstrtoll). */
    static long kstrtoll(byte[] s) {
        int len = cLength(s);
        if (len > 0 && s[0] == '-') {
            long tmp = parseUnsigned(s, 1, len); // _kstrtoull: no '+' after the '-'
            if (-tmp > 0) {
                throw FsException.outOfRange("below the signed 64-bit range");
            }
            return -tmp;
        }
        long tmp = kstrtoull(s);
        if (tmp < 0) {
            throw FsException.outOfRange("above the signed 64-bit range");
        }
        return tmp;
    }

    // _kstrtoull: radix fixup, _parse_integer, one optional "\n", then the end.
    private static long parseUnsigned(byte[] s, int i, int len) {
        int base = 10;
        if (i < len && s[i] == '0') {
            if (i + 2 < len && (s[i + 1] | 0x20) == 'x' && digit(s[i + 2], 16) >= 0) {
                base = 16;
                i += 2;
            } else {
                base = 8;
            }
        }
        long res = 0;
        boolean overflow = false;
        int start = i;
        for (; i < len; i++) {
            int d = digit(s[i], base);
            if (d < 0) {
                break;
            }
            // _parse_integer_limit: only check near the top of the range.
            if ((res & (~0L << 60)) != 0
                    && Long.compareUnsigned(res, Long.divideUnsigned(-1L - d, base)) > 0) {
                overflow = true;
            }
            res = res * base + d;
        }
        if (overflow) {
            throw FsException.outOfRange("does not fit in 64 bits");
        }
        if (i == start) {
            throw FsException.invalid("no digits");
        }
        if (i < len && s[i] == '\n') {
            i++;
        }
        if (i < len) {
            throw FsException.invalid("trailing characters");
        }
        return res;
    }

    private static int digit(byte c, int base) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
            d = (c | 0x20) - 'a' + 10;
        } else {
            return -1;
        }
        return d < base ? d : -1;
    }

    /**
     * Parses a boolean (kstrtobool): y/Y/t/T/1 and "on" are true, n/N/f/F/0 and "off" false.
     *
     * @return {@code Boolean.TRUE}/{@code FALSE}, or {@code null} for EINVAL
     */
    static Boolean kstrtobool(byte[] s) {
        int len = cLength(s);
        if (len == 0) {
            return null;
        }
        switch (s[0]) {
            case 'y', 'Y', 't', 'T', '1':
                return Boolean.TRUE;
            case 'n', 'N', 'f', 'F', '0':
                return Boolean.FALSE;
            case 'o', 'O':
                if (len > 1) {
                    switch (s[1]) {
                        case 'n', 'N':
                            return Boolean.TRUE;
                        case 'f', 'F':
                            return Boolean.FALSE;
                        default:
                            break;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
