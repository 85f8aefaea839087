package dev.pseudofs.procfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Kstrtox;

/**
 * Scans the text written to a numeric sysctl: white space and one number at a time, with the
 * grammar of kernel/sysctl.c proc_skip_spaces, proc_get_long and strtoul_lenient (C12).
 *
 * <p>A scanner walks a byte array from a position up to a limit; the limit is the part of the
 * write that is examined (at most PAGE_SIZE - 1 bytes, C11).
 */
final class SysctlTokens {
    /** The longest token proc_get_long looks at, TMPBUFLEN - 1 (a 21-character number fails). */
    static final int MAX_TOKEN = 21;

    private final byte[] data;
    private final int end;
    private int pos;
    private boolean negative; // sign of the last number

    SysctlTokens(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Returns how many examined bytes are left (the kernel's {@code left}). */
    int left() {
        return end - pos;
    }

    /** Returns whether the last number had a '-' sign. */
    boolean negative() {
        return negative;
    }

    /** Skips white space: space, \t, \n, \v, \f, \r (proc_skip_spaces, isspace). */
    void skipSpaces() {
        while (pos < end && isSpace(data[pos])) {
            pos++;
        }
    }

    static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * Reads one number (proc_get_long with the separators space, TAB and newline): an optional
     * '-', then digits in base 16 ("0x"), 8 (leading "0") or 10, as an unsigned 64-bit value.
     *
     * @return the magnitude, to be read as unsigned; {@link #negative()} gives the sign
     * @throws FsException EINVAL for no digits, overflow, 21 characters, or junk after the number
     */
    long getLong() {
        int size = end - pos;
        if (size <= 0) {
            throw FsException.invalid("no number");
        }
        int len = Math.min(size, MAX_TOKEN); // the kernel copies at most 21 bytes to tmp
        int p = pos;
        int stop = pos + len;
        negative = false;
        if (data[p] == '-' && size > 1) {
            negative = true;
            p++;
        }
        if (p >= stop || !isDigit(data[p])) {
            throw FsException.invalid("not a number");
        }
        // strtoul_lenient: lib/kstrtox.c's radix fixup and _parse_integer on the copied token
        Kstrtox.Parsed n = Kstrtox.parseInteger(data, p, stop, 0);
        if (n.overflow()) {
            throw FsException.invalid("number overflows unsigned long");
        }
        p = n.end();
        long value = n.value();
        int tokenLen = p - pos;
        if (tokenLen == MAX_TOKEN) {
            throw FsException.invalid("number of 21 characters or more");
        }
        if (tokenLen < size && !isSeparator(data[p])) {
            throw FsException.invalid("junk after number");
        }
        pos = p;
        return value;
    }

    private static boolean isSeparator(byte c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
