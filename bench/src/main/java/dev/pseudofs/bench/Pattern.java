package dev.pseudofs.bench;

/**
 * Holds the 1 MiB periodic byte pattern of the generated big files; {@code bench/c/pseudofs.c}
 * computes the very same bytes, so the two servers' {@code /big} compare equal with cmp.
 */
public final class Pattern {
    /** The period of the pattern: 1 MiB. */
    public static final int PERIOD = 1 << 20;
    /** The size of one seq record of a big file: 4 KiB, so a period is 256 records. */
    public static final int RECORD = 4096;

    private static final byte[] BYTES = build();

    private Pattern() {}

    // Byte j: a newline at the end of every 64-byte line, otherwise a letter that shifts by 7
    // from line to line: ((j / 64) * 7 + j % 64) % 26 (the C server's pattern_byte).
    private static byte[] build() {
        byte[] b = new byte[PERIOD];
        for (int j = 0; j < PERIOD; j++) {
            b[j] = (byte) (j % 64 == 63 ? '\n' : 'a' + ((j / 64) * 7 + j % 64) % 26);
        }
        return b;
    }

    /** Returns the pattern (shared: callers must not modify it). */
    static byte[] bytes() {
        return BYTES;
    }

    /** Returns the offset inside the pattern where seq record {@code index} starts. */
    static int recordOffset(long index) {
        return (int) (index % (PERIOD / RECORD)) * RECORD;
    }
}
