package dev.pseudofs.debugfs;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Kstrtox;
import dev.pseudofs.core.OpenFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Is the operations of a {@code debugfs_create_str} file (D11): reads the string and "\n",
 * honouring the position; a write at position 0 replaces the string, one at exactly its length
 * appends, anything else is EINVAL; position + count + 1 past a page is E2BIG; the result is
 * cut at a NUL and trimmed of white space at both ends. The handler does not move the
 * position, so each write(2) on one descriptor replaces the string again.
 */
final class StrFile extends ShadowedFile {
    private final Supplier<String> get; // immutable; null = write-only variant
    private final Consumer<String> set; // immutable; null = read-only variant

    StrFile(Supplier<String> get, Consumer<String> set) {
        super(get != null, set != null);
        this.get = get;
        this.set = set;
    }

    private byte[] current() {
        String s = get == null ? null : get.get();
        byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, Kstrtox.cLength(b)); // a C string ends at its first NUL
    }

    /** Shows the string, as debugfs_read_file_str. */
    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        if (get == null) {
            throw FsException.invalid("no read method");
        }
        byte[] s = current();
        byte[] text = Arrays.copyOf(s, s.length + 1);
        text[s.length] = '\n';
        return show(file, dst, pos, text);
    }

    /** Replaces or extends the string, as debugfs_write_file_str. */
    @Override
    public int write(OpenFile file, ByteBuffer src, long pos) {
        if (set == null) {
            throw FsException.invalid("no write method");
        }
        ShadowPosition shadow = shadow(file);
        long ppos = shadow.toHandler(pos);
        byte[] old = current();
        if (ppos != 0 && ppos != old.length) {
            throw FsException.invalid("only strict concatenation");
        }
        int count = src.remaining();
        if (ppos + count + 1 > file.pageSize()) {
            throw new FsException(Errno.E2BIG, "string longer than a page");
        }
        byte[] joined = Arrays.copyOf(old, (int) ppos + count);
        src.get(joined, (int) ppos, count);
        set.accept(strim(Arrays.copyOf(joined, Kstrtox.cLength(joined))));
        shadow.writeWithoutAdvance(pos, count);
        return count;
    }

    // strim: drop isspace() characters at both ends.
    private static String strim(byte[] b) {
        int start = 0;
        int end = b.length;
        while (start < end && isSpace(b[start])) {
            start++;
        }
        while (end > start && isSpace(b[end - 1])) {
            end--;
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
