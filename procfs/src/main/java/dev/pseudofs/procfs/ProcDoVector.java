package dev.pseudofs.procfs;

import dev.pseudofs.core.FsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and writes a vector of numbers as text, the common part of kernel/sysctl.c
 * {@code __do_proc_dointvec} and {@code __do_proc_doulongvec_minmax} (C9-C15, C17).
 *
 * <p>Reads only answer at position 0 and print the values TAB-separated, then "\n" if room
 * remains, cut to the caller's count. Writes (sysctl_writes_strict = 1) are ignored at a
 * non-zero position but report the full count, examine at most PAGE_SIZE - 1 bytes, and store
 * each element as soon as it parses, so an error at element k keeps elements 0..k-1 (C14).
 */
final class ProcDoVector {
    /** The part of a write that is examined: PAGE_SIZE - 1 (C11). */
    static final int WRITE_EXAMINED = 4095;

    /** Converts one element between its stored form and text (the handler's {@code conv}). */
    interface Element {
        /** Stores element {@code i} from a sign and an unsigned magnitude; EINVAL if it does not fit. */
        void store(int i, boolean negative, long magnitude);

        /** Returns element {@code i} in decimal. */
        String format(int i);
    }

    private ProcDoVector() {}

    /** Returns the text of a read of {@code count} bytes at {@code pos} over {@code slots} elements. */
    static byte[] read(int slots, Element e, long pos, int count) {
        if (slots == 0 || count == 0 || pos != 0) {
            return new byte[0]; // C9: the whole value comes from the first read
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < slots; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(e.format(i));
        }
        return cut(sb, count);
    }

    /** Appends "\n" if the text leaves room in {@code count}, then cuts it to {@code count}. */
    static byte[] cut(CharSequence text, int count) {
        byte[] b = text.toString().getBytes(StandardCharsets.US_ASCII);
        if (b.length < count) {
            b = Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = '\n';
        }
        return b.length > count ? Arrays.copyOf(b, count) : b;
    }

    /**
     * Parses a write of {@code len} bytes at {@code pos} into up to {@code slots} elements.
     *
     * @return the consumed count (len minus what is left after the last element and its blanks)
     */
    static int write(int slots, Element e, byte[] data, int len, long pos) {
        if (slots == 0 || len == 0) {
            return 0;
        }
        if (pos != 0) {
            return len; // proc_first_pos_non_zero_ignore: ignored, full count (C10)
        }
        SysctlTokens tokens = new SysctlTokens(data, 0, Math.min(len, WRITE_EXAMINED));
        boolean first = true;
        FsException err = null;
        for (int i = 0; tokens.left() > 0 && i < slots; i++, first = false) {
            tokens.skipSpaces();
            if (tokens.left() == 0) {
                break;
            }
            try {
                long v = tokens.getLong();
                e.store(i, tokens.negative(), v); // committed at once (C14)
            } catch (FsException x) {
                err = x;
                break;
            }
        }
        if (err == null && tokens.left() > 0) {
            tokens.skipSpaces();
        }
        if (first) {
            throw err != null ? err : FsException.invalid("only white space"); // C13
        }
        if (err != null) {
            throw err;
        }
        return len - tokens.left(); // C11: relative to the full count
    }
}
