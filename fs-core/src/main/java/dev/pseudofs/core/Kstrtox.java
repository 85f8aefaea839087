package dev.pseudofs.core;

import java.nio.charset.StandardCharsets;

/**
 * Parses numbers and booleans with the grammar of the kernel's lib/kstrtox.c, the one place
 * every view parses what a store received (sysfs S17, S30; debugfs; configfs; the radix rule of
 * /proc/sys's proc_get_long, C12).
 *
 * <p>Numbers: an optional '+' ('-' too for the signed ones), digits in {@code base} (0 picks it
 * from the prefix: "0x" followed by a hex digit is 16, a leading "0" is 8, otherwise 10; base 16
 * skips a "0x"), then at most one '\n' and nothing else. No digits or anything after them is
 * EINVAL; a value that does not fit is ERANGE (checked before the junk, as _kstrtoull does).
 * Text is read as a C string: up to its first NUL.
 */
public final class Kstrtox {
    private Kstrtox() {}

    /**
     * Is what _parse_integer read: the value (unsigned in a {@code long}), the index after the
     * last digit, and whether the digits overflowed 64 bits.
     *
     * @param value the value, unsigned
     * @param start the index of the first digit (after a "0x" prefix)
     * @param end the index after the last digit ({@code start} when there was none)
     * @param overflow whether the value does not fit in 64 bits
     */
    public record Parsed(long value, int start, int end, boolean overflow) {}

    /**
     * Reads digits from {@code s[from..to)} in {@code base} (0: from the prefix, as
     * _parse_integer_fixup_radix), bytes past {@code to} read as NUL; no sign, no newline.
     */
    public static Parsed parseInteger(byte[] s, int from, int to, int base) {
        int i = from;
        int radix = base;
        if (radix == 0) {
            radix = at(s, i, to) != '0' ? 10
                    : (at(s, i + 1, to) | 0x20) == 'x' && digit(at(s, i + 2, to)) < 16 ? 16 : 8;
        }
        if (radix == 16 && at(s, i, to) == '0' && (at(s, i + 1, to) | 0x20) == 'x') {
            i += 2;
        }
        long res = 0;
        boolean overflow = false;
        int start = i;
        for (; i < to; i++) {
            int d = digit(s[i]);
            if (d >= radix) {
                break;
            }
            // _parse_integer_limit: flag overflow of 64 unsigned bits, keep consuming digits
            if ((res & (~0L << 60)) != 0 && Long.compareUnsigned(res, Long.divideUnsigned(-1L - d, radix)) > 0) {
                overflow = true;
            }
            res = res * radix + d;
        }
        return new Parsed(res, start, i, overflow);
    }

    /** Parses an unsigned 64-bit value (kstrtoull); the result is unsigned in a {@code long}. */
    public static long kstrtoull(String s, int base) {
        byte[] b = bytes(s);
        return ull(b, b.length > 0 && b[0] == '+' ? 1 : 0, b.length, base, s);
    }

    /** Parses a signed 64-bit value (kstrtoll). */
    public static long kstrtoll(String s, int base) {
        byte[] b = bytes(s);
        if (b.length > 0 && b[0] == '-') {
            long tmp = ull(b, 1, b.length, base, s); // no '+' after the '-'
            if (-tmp > 0) {
                throw FsException.outOfRange("below the signed 64-bit range: " + s);
            }
            return -tmp;
        }
        long tmp = ull(b, b.length > 0 && b[0] == '+' ? 1 : 0, b.length, base, s);
        if (tmp < 0) {
            throw FsException.outOfRange("above the signed 64-bit range: " + s);
        }
        return tmp;
    }

    /** Parses a {@code long} (kstrtol: a 64-bit kernel's long is kstrtoll). */
    public static long kstrtol(String s, int base) {
        return kstrtoll(s, base);
    }

    /** Parses an {@code unsigned long} (kstrtoul: a 64-bit kernel's is kstrtoull). */
    public static long kstrtoul(String s, int base) {
        return kstrtoull(s, base);
    }

    /** Parses an {@code unsigned int} (kstrtouint); the result is unsigned in an {@code int}. */
    public static int kstrtouint(String s, int base) {
        return (int) unsigned(s, base, 0xffff_ffffL, "an unsigned int");
    }

    /** Parses an {@code int} (kstrtoint). */
    public static int kstrtoint(String s, int base) {
        return (int) signed(s, base, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
    }

    /** Parses a {@code u16} (kstrtou16). */
    public static int kstrtou16(String s, int base) {
        return (int) unsigned(s, base, 0xffff, "a u16");
    }

    /** Parses an {@code s16} (kstrtos16). */
    public static short kstrtos16(String s, int base) {
        return (short) signed(s, base, Short.MIN_VALUE, Short.MAX_VALUE, "an s16");
    }

    /** Parses a {@code u8} (kstrtou8). */
    public static int kstrtou8(String s, int base) {
        return (int) unsigned(s, base, 0xff, "a u8");
    }

    /** Parses an {@code s8} (kstrtos8). */
    public static byte kstrtos8(String s, int base) {
        return (byte) signed(s, base, Byte.MIN_VALUE, Byte.MAX_VALUE, "an s8");
    }

    /**
     * Parses a boolean (kstrtobool): only the first character counts, e/E/y/Y/t/T/1 true,
     * d/D/n/N/f/F/0 false, or "on"/"off" by their first two; anything else is EINVAL (S30).
     */
    public static boolean kstrtobool(String s) {
        String c = cString(s);
        if (!c.isEmpty()) {
            switch (c.charAt(0)) {
                case 'e', 'E', 'y', 'Y', 't', 'T', '1':
                    return true;
                case 'd', 'D', 'n', 'N', 'f', 'F', '0':
                    return false;
                case 'o', 'O':
                    if (c.length() > 1) {
                        switch (c.charAt(1)) {
                            case 'n', 'N':
                                return true;
                            case 'f', 'F':
                                return false;
                            default:
                                break;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        throw FsException.invalid("not a boolean: " + s);
    }

    /** Returns the length of the C string in {@code s}: up to its first NUL. */
    public static int cLength(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                return i;
            }
        }
        return s.length;
    }

    /** Returns the C string in {@code s} (up to its first NUL), each byte one char. */
    public static String cString(byte[] s) {
        return new String(s, 0, cLength(s), StandardCharsets.ISO_8859_1);
    }

    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static long unsigned(String s, int base, long max, String what) {
        long v = kstrtoull(s, base);
        if (Long.compareUnsigned(v, max) > 0) {
            throw FsException.outOfRange("not " + what + ": " + s);
        }
        return v;
    }

    private static long signed(String s, int base, long min, long max, String what) {
        long v = kstrtoll(s, base);
        if (v < min || v > max) {
            throw FsException.outOfRange("not " + what + ": " + s);
        }
        return v;
    }

    // Each char one byte (non-Latin-1 chars become '?', junk either way), up to the first NUL.
    private static byte[] bytes(String s) {
        return cString(s).getBytes(StandardCharsets.ISO_8859_1);
    }

    // _kstrtoull: radix fixup, _parse_integer, one optional "\n", then the end.
    private static long ull(byte[] s, int from, int to, int base, String text) {
        if (base != 0 && (base < 2 || base > 16)) {
            throw new IllegalArgumentException("base must be 0 or 2..16: " + base);
        }
        Parsed p = parseInteger(s, from, to, base);
        if (p.overflow()) {
            throw FsException.outOfRange("does not fit in 64 bits: " + text);
        }
        int i = p.end();
        if (i == p.start()) {
            throw FsException.invalid("no digits: " + text);
        }
        if (i < to && s[i] == '\n') {
            i++;
        }
        if (i != to) {
            throw FsException.invalid("junk after the number: " + text);
        }
        return p.value();
    }

    private static int at(byte[] s, int i, int to) {
        return i < to ? s[i] : 0;
    }

    private static int digit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : 99;
    }
}
