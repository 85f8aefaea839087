package dev.pseudofs.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Is the page a {@link Show} fills: it never grows past the page size.
 *
 * <p>{@link #emit} is sysfs_emit/sysfs_emit_at: it formats at the current end and stores at
 * most what fits while leaving room for the kernel's NUL (scnprintf, S12), returning the bytes
 * stored. {@link #put} copies raw bytes up to the full page and records an overflow when they do
 * not fit, which the policy turns into truncation (S10) or EIO (G7).
 */
public final class PageBuffer {
    private final byte[] page;
    private int length;
    private boolean overflowed;

    /** Creates an empty buffer of {@code capacity} bytes. */
    public PageBuffer(int capacity) {
        this.page = new byte[capacity];
    }

    /**
     * Formats {@code format} with {@code args} ({@link String#format}, root locale) after the
     * current content, as {@code len += sysfs_emit_at(buf, len, ...)} does.
     *
     * @return the number of bytes stored, possibly fewer than formatted
     */
    public int emit(String format, Object... args) {
        return append(String.format(Locale.ROOT, format, args));
    }

    /** Appends {@code text} (UTF-8) with sysfs_emit's truncation; returns the bytes stored. */
    public int append(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int room = Math.max(0, page.length - 1 - length); // scnprintf keeps room for the NUL
        int n = Math.min(room, bytes.length);
        System.arraycopy(bytes, 0, page, length, n);
        length += n;
        return n;
    }

    /** Appends a decimal number and a newline, the most common attribute shape. */
    public int line(long value) {
        return append(Long.toString(value) + "\n");
    }

    /**
     * Copies raw bytes after the current content, up to the full page; when they do not fit,
     * the rest is dropped and {@link #overflowed()} turns true.
     *
     * @return the number of bytes stored
     */
    public int put(byte[] data, int offset, int count) {
        int n = Math.min(count, page.length - length);
        System.arraycopy(data, offset, page, length, n);
        length += n;
        if (n < count) {
            overflowed = true;
        }
        return n;
    }

    /** Copies all of {@code data}; see {@link #put(byte[], int, int)}. */
    public int put(byte[] data) {
        return put(data, 0, data.length);
    }

    /** Returns the number of bytes produced so far (what the kernel's show returns). */
    public int length() {
        return length;
    }

    /** Returns the page size this buffer is limited to. */
    public int capacity() {
        return page.length;
    }

    /** Returns whether a {@link #put} did not fit. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Returns the content as text (UTF-8). */
    @Override
    public String toString() {
        return new String(page, 0, length, StandardCharsets.UTF_8);
    }

    byte[] array() {
        return page;
    }

    void reset() {
        length = 0;
        overflowed = false;
    }

    void truncate(int newLength) {
        length = Math.min(length, newLength);
    }
}
