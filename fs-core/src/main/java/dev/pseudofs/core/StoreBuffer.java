package dev.pseudofs.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Is what one write(2) delivered to a {@link Store}: exactly {@link #count()} bytes, which the
 * kernel would hand over as a NUL-terminated C string (K26).
 */
public final class StoreBuffer {
    private final byte[] data; // immutable view; valid during the store call
    private final int offset;
    private final int count;
    private final long position;

    /** Wraps {@code count} bytes of {@code data} from {@code offset}, written at {@code position}. */
    public StoreBuffer(byte[] data, int offset, int count, long position) {
        this.data = data;
        this.offset = offset;
        this.count = count;
        this.position = position;
    }

    /** Wraps a whole string (tests and programmatic stores). */
    public static StoreBuffer of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new StoreBuffer(b, 0, b.length, 0);
    }

    /** Returns the number of bytes written. */
    public int count() {
        return count;
    }

    /** Returns the file position of the write (sysfs ignores it, S14). */
    public long position() {
        return position;
    }

    /** Returns byte {@code i}, 0 &lt;= i &lt; count. */
    public byte byteAt(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return data[offset + i];
    }

    /** Returns a copy of the bytes. */
    public byte[] bytes() {
        return Arrays.copyOfRange(data, offset, offset + count);
    }

    /** Returns the text a C string parser sees: the bytes up to the first NUL, as UTF-8 (K26). */
    public String text() {
        int end = offset;
        int limit = offset + count;
        while (end < limit && data[end] != 0) {
            end++;
        }
        return new String(data, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Returns all bytes as text, NULs included. */
    @Override
    public String toString() {
        return new String(data, offset, count, StandardCharsets.UTF_8);
    }
}
