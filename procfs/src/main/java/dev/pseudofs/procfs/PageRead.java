package dev.pseudofs.procfs;

import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.Libfs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Implements the legacy one-page proc read: every read(2) prints the text into a fresh page and
 * serves the slice at the caller's position with {@link SimpleBuffers#simpleReadFromBuffer}
 * (the {@code char buf[PAGE_SIZE]; len = scnprintf(...); return simple_read_from_buffer(...)}
 * pattern of old drivers, P17).
 *
 * <p>The limit is the page: scnprintf into a page keeps at most {@code PAGE_SIZE - 1} bytes, so
 * longer text is cut there. Because the text is rebuilt on every read, a reader that needs
 * several reads can see a torn value, unlike a seq_file.
 */
public final class PageRead implements ProcOps {
    private final Supplier<String> text;

    private PageRead(Supplier<String> text) {
        this.text = text;
    }

    /** Returns proc operations whose read prints {@code text} into a page on every call. */
    public static ProcOps of(Supplier<String> text) {
        return new PageRead(Objects.requireNonNull(text, "text"));
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        byte[] page = new byte[file.pageSize()];
        byte[] out = text.get().getBytes(StandardCharsets.UTF_8);
        int len = Math.min(out.length, page.length - 1); // scnprintf leaves room for the NUL
        System.arraycopy(out, 0, page, 0, len);
        return Libfs.simpleReadFromBuffer(dst, pos, page, len);
    }
}
