package dev.pseudofs.sysfs;

import dev.pseudofs.core.FsException;

/**
 * Parses numbers and booleans as the kernel's kstrto*() helpers do (lib/kstrtox.c, S17, S30).
 *
 * <p>Every parser takes the text a store received (up to its first NUL, K26) and accepts at
 * most one trailing newline; leading or trailing blanks, a second newline or any other junk
 * fail with EINVAL, a value that does not fit with ERANGE. Base 0 picks the radix from the
 * prefix: {@code 0x} hexadecimal, a leading {@code 0} octal, otherwise decimal.
 */
public final class Kstrto {
    private Kstrto() {}

    /** Parses an unsigned 64-bit value (kstrtoull); the result is unsigned in a {@code long}. */
    public static long kstrtoull(String s, int base) {
        checkBase(base);
        int i = s.startsWith("+") ? 1 : 0;
        return parseUnsigned(s, i, base);
    }

    /** Parses a signed 64-bit value (kstrtoll). */
    public static long kstrtoll(String s, int base) {
        checkBase(base);
        if (s.startsWith("-")) {
            long magnitude = parseUnsigned(s, 1, base);
            // kstrtoll: "-tmp" must not be positive, so the magnitude may be at most 2^63.
            if (Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0) {
                throw FsException.outOfRange("below LLONG_MIN: " + s);
            }
            return -magnitude;
        }
        long v = kstrtoull(s, base);
        if (v < 0) {
            throw FsException.outOfRange("above LLONG_MAX: " + s);
        }
        return v;
    }

    /** Parses an {@code int} (kstrtoint). */
    public static int kstrtoint(String s, int base) {
        long v = kstrtoll(s, base);
        if (v != (int) v) {
            throw FsException.outOfRange("not an int: " + s);
        }
        return (int) v;
    }

    /** Parses an {@code unsigned int} (kstrtouint); the result is unsigned in an {@code int}. */
    public static int kstrtouint(String s, int base) {
        long v = kstrtoull(s, base);
        if (Long.compareUnsigned(v, 0xffff_ffffL) > 0) {
            throw FsException.outOfRange("not an unsigned int: " + s);
        }
        return (int) v;
    }

    /** Parses a {@code long} (kstrtol; a 64-bit kernel's long is kstrtoll). */
    public static long kstrtol(String s, int base) {
        return kstrtoll(s, base);
    }

    /** Parses an {@code unsigned long} (kstrtoul; a 64-bit kernel's is kstrtoull). */
    public static long kstrtoul(String s, int base) {
        return kstrtoull(s, base);
    }

    /**
     * Parses a boolean as kstrtobool: only the first character counts (y/Y/t/T/1 true,
     * n/N/f/F/0 false), or "on"/"off" by their first two; anything else is EINVAL (S30).
     */
    public static boolean kstrtobool(String s) {
        if (!s.isEmpty()) {
            switch (s.charAt(0)) {
                case 'y', 'Y', 't', 'T', '1':
                    return true;
                case 'n', 'N', 'f', 'F', '0':
                    return false;
                case 'o', 'O':
                    if (s.length() > 1) {
                        char c = s.charAt(1);
                        if (c == 'n' || c == 'N') {
                            return true;
                        }
                        if (c == 'f' || c == 'F') {
                            return false;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        throw FsException.invalid("not a boolean: " + s);
    }

    /**
     * Compares a stored string with an expected one ignoring one trailing newline on either
     * side (sysfs_streq).
     */
    public static boolean sysfsStreq(String s1, String s2) {
        return chomp(s1).equals(chomp(s2));
    }

    /** Returns {@code s} without one trailing newline. */
    static String chomp(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static void checkBase(int base) {
        if (base != 0 && base != 8 && base != 10 && base != 16) {
            throw new IllegalArgumentException("base must be 0, 8, 10 or 16: " + base);
        }
    }

    // _kstrtoull: radix fixup, digits, then at most one '\n' and nothing else.
    private static long parseUnsigned(String s, int i, int base) {
        int radix = base;
        if (radix == 0) {
            // _parse_integer_fixup_radix: "0x" only counts when a hex digit follows.
            if (at(s, i) == '0') {
                radix = (lower(at(s, i + 1)) == 'x' && digit(at(s, i + 2)) >= 0
                        && digit(at(s, i + 2)) < 16) ? 16 : 8;
            } else {
                radix = 10;
            }
        }
        if (radix == 16 && at(s, i) == '0' && lower(at(s, i + 1)) == 'x') {
            i += 2;
        }
        long res = 0;
        boolean overflow = false;
        int start = i;
        for (; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0 || d >= radix) {
                break;
            }
            // _parse_integer: flag overflow of 64 unsigned bits, keep consuming digits.
            if (Long.compareUnsigned(res, Long.divideUnsigned(-1L - d, radix)) > 0) {
                overflow = true;
            }
            res = res * radix + d;
        }
        if (overflow) {
            throw FsException.outOfRange("overflows 64 bits: " + s);
        }
        if (i == start) {
            throw FsException.invalid("no digits: " + s);
        }
        if (at(s, i) == '\n') {
            i++;
        }
        if (i != s.length()) {
            throw FsException.invalid("junk after number: " + s);
        }
        return res;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static char lower(char c) {
        return Character.toLowerCase(c);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char l = lower(c);
        if (l >= 'a' && l <= 'f') {
            return l - 'a' + 10;
        }
        return -1;
    }
}
