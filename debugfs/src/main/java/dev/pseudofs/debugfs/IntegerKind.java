package dev.pseudofs.debugfs;

/**
 * Names the integer types of the typed helpers, with the width a written value is truncated to
 * and the text a read shows (D8): {@code debugfs_create_u8} ... {@code debugfs_create_atomic_t}.
 */
public enum IntegerKind {
    /** u8: decimal, 8 bits. */
    U8(8, false, "%llu\n"),
    /** u16: decimal, 16 bits. */
    U16(16, false, "%llu\n"),
    /** u32: decimal, 32 bits. */
    U32(32, false, "%llu\n"),
    /** u64: decimal, 64 bits. */
    U64(64, false, "%llu\n"),
    /** unsigned long: decimal, 64 bits on x86-64. */
    ULONG(64, false, "%llu\n"),
    /** size_t: decimal, 64 bits on x86-64. */
    SIZE_T(64, false, "%llu\n"),
    /** x8: "0x" and 2 lowercase hex digits. */
    X8(8, false, "0x%02llx\n"),
    /** x16: "0x" and 4 lowercase hex digits. */
    X16(16, false, "0x%04llx\n"),
    /** x32: "0x" and 8 lowercase hex digits. */
    X32(32, false, "0x%08llx\n"),
    /** x64: "0x" and 16 lowercase hex digits. */
    X64(64, false, "0x%016llx\n"),
    /** atomic_t: signed decimal, 32 bits, writes parsed as signed. */
    ATOMIC_T(32, true, "%lld\n");

    private final int bits;
    private final boolean signed;
    private final String format;

    IntegerKind(int bits, boolean signed, String format) {
        this.bits = bits;
        this.signed = signed;
        this.format = format;
    }

    /** Returns the width of the variable in bits. */
    public int bits() {
        return bits;
    }

    /** Returns whether the variable is signed (writes use kstrtoll). */
    public boolean signed() {
        return signed;
    }

    /** Returns the C format the kernel prints the value with. */
    public String format() {
        return format;
    }

    /**
     * Returns {@code v} as the variable holds it: truncated to the width, sign-extended for a
     * signed type (storing 300 in a u8 gives 44).
     */
    public long truncate(long v) {
        if (bits == 64) {
            return v;
        }
        if (signed) {
            return (v << (64 - bits)) >> (64 - bits);
        }
        return v & ((1L << bits) - 1);
    }
}
