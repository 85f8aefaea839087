package dev.pseudofs.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Is the seq_file of one open file: the buffer generators print into, and the engine that
 * pages it out to read(2).
 *
 * <p>The engine follows fs/seq_file.c seq_read_iter and traverse (Q4-Q9): a read at position
 * 0 restarts at record 0; a read elsewhere than where the last one ended replays the records
 * from 0 and discards the bytes before the position; left-over bytes go first; then one
 * non-empty record is produced, doubling the buffer (from one page) until it fits, and further
 * whole records are appended while they fit and the reader wants more. Memory stays bounded by
 * the largest record, whatever the file's size.
 *
 * <p>Output helpers mirror seq_printf, seq_puts, seq_putc, seq_write and seq_escape: they
 * append when there is room and otherwise mark the buffer overflowed, and the engine produces
 * the record again with a bigger buffer or in the next read (Q13).
 */
public final class SeqFile {
    private static final Object SINGLE = new Object();

    private final OpenFile file;
    private final SeqOperations<Object> op;
    // All guarded by the open file's lock.
    private byte[] buf;
    private int count;     // bytes in buf
    private int from;      // first unread byte in buf
    private long index;    // record index (m->index)
    private long readPos;  // byte position where the last read ended (m->read_pos)
    private boolean skip;  // the current show asked to discard its record (SEQ_SKIP)

    @SuppressWarnings("unchecked")
    SeqFile(OpenFile file, SeqOperations<?> op) {
        this.file = file;
        this.op = (SeqOperations<Object>) op;
    }

    /** Returns the seq operations of a single_open file: one record produced by {@code show}. */
    static SeqOperations<Object> single(SeqShow show) {
        return new SeqOperations<>() {
            @Override
            public Object start(SeqFile m, long pos) {
                return pos == 0 ? SINGLE : null;
            }

            @Override
            public Object next(SeqFile m, Object v, long pos) {
                return null;
            }

            @Override
            public void show(SeqFile m, Object v) {
                show.show(m);
            }
        };
    }

    /** Returns the open file this seq_file belongs to (file->private_data's owner). */
    public OpenFile file() {
        return file;
    }

    // ---- output helpers ---------------------------------------------------------------

    /** Appends formatted text (seq_printf; {@link String#format} syntax, root locale). */
    public SeqFile printf(String format, Object... args) {
        return puts(String.format(Locale.ROOT, format, args));
    }

    /** Appends a string (seq_puts). */
    public SeqFile puts(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return write(b, 0, b.length);
    }

    /** Appends one character (seq_putc). */
    public SeqFile putc(char c) {
        if (c >= 0x80) {
            return puts(String.valueOf(c));
        }
        if (count < buf.length) {
            buf[count++] = (byte) c;
        }
        return this;
    }

    /** Appends a decimal number (seq_put_decimal_ll without delimiter). */
    public SeqFile putDecimal(long v) {
        return puts(Long.toString(v));
    }

    /** Appends raw bytes (seq_write). */
    public SeqFile write(byte[] data, int offset, int length) {
        if (count + length < buf.length) {
            System.arraycopy(data, offset, buf, count, length);
            count += length;
        } else {
            count = buf.length; // seq_set_overflow
        }
        return this;
    }

    /** Appends raw bytes (seq_write). */
    public SeqFile write(byte[] data) {
        return write(data, 0, data.length);
    }

    /**
     * Appends {@code s}, printing each character listed in {@code esc} as a backslash and three
     * octal digits (seq_escape, Q14: space as \040, newline as \012).
     */
    public SeqFile escape(String s, String esc) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (esc.indexOf(c) >= 0) {
                sb.append('\\').append((c >> 6) & 7).append((c >> 3) & 7).append(c & 7);
            } else {
                sb.append(c);
            }
        }
        return puts(sb.toString());
    }

    /** Returns whether the output of the current record did not fit (seq_has_overflowed). */
    public boolean hasOverflowed() {
        return count == buf.length;
    }

    /** Discards the output of the current record (show returning SEQ_SKIP). */
    public void skipRecord() {
        skip = true;
    }

    // ---- the engine ---------------------------------------------------------------------

    /** Reads at {@code pos} into {@code dst}, as seq_read_iter. */
    int read(ByteBuffer dst, long pos) {
        if (pos == 0) {
            index = 0;
            count = 0;
        }
        if (pos != readPos) {
            try {
                traverse(pos);
            } catch (RuntimeException e) {
                readPos = 0;
                index = 0;
                count = 0;
                throw e;
            }
            readPos = pos;
        }
        ensureBuffer();
        int copied = 0;
        if (count > 0) { // left over from the previous read
            int n = Math.min(count, dst.remaining());
            dst.put(buf, from, n);
            count -= n;
            from += n;
            copied += n;
            if (count > 0) {
                readPos += copied;
                return copied;
            }
        }
        from = 0;
        RuntimeException error = null;
        Object p = null;
        boolean filled = false;
        try {
            p = op.start(this, index);
            while (p != null) { // get a non-empty record or run out
                showRecord(p, 0);
                if (count == 0) {
                    p = op.next(this, p, ++index);
                    continue;
                }
                if (!hasOverflowed()) {
                    filled = true;
                    break;
                }
                op.stop(this, p); // need a bigger buffer: produce the record again
                p = null;
                grow();
                p = op.start(this, index);
            }
            if (filled) { // fit further whole records while the reader wants more
                while (true) {
                    int offs = count;
                    try {
                        p = op.next(this, p, ++index);
                        if (p == null || count >= dst.remaining()) {
                            break;
                        }
                        showRecord(p, offs);
                        if (hasOverflowed()) {
                            count = offs; // does not fit: the next read produces it again
                            break;
                        }
                    } catch (FsException e) {
                        count = offs; // surfaces on the next read (Q8)
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            error = e;
        } finally {
            op.stop(this, p);
        }
        if (filled && error == null) {
            int n = Math.min(count, dst.remaining());
            dst.put(buf, 0, n);
            count -= n;
            from = n;
            copied += n;
        } else {
            count = 0;
        }
        if (copied == 0 && error != null) {
            throw error;
        }
        readPos += copied;
        return copied;
    }

    private void showRecord(Object p, int offs) {
        skip = false;
        op.show(this, p);
        if (skip) {
            count = offs;
        }
    }

    // Replays records from 0 up to byte position offset (seq_file traverse).
    private void traverse(long offset) {
        index = 0;
        count = 0;
        from = 0;
        if (offset == 0) {
            return;
        }
        ensureBuffer();
        while (true) {
            long pos = 0;
            boolean overflow = false;
            Object p = op.start(this, index);
            try {
                while (p != null) {
                    showRecord(p, 0);
                    if (hasOverflowed()) {
                        overflow = true;
                        break;
                    }
                    p = op.next(this, p, ++index);
                    if (pos + count > offset) {
                        from = (int) (offset - pos);
                        count -= from;
                        break;
                    }
                    pos += count;
                    count = 0;
                    if (pos == offset) {
                        break;
                    }
                }
            } finally {
                op.stop(this, p);
            }
            if (!overflow) {
                return;
            }
            grow();
            index = 0;
            from = 0;
        }
    }

    private void ensureBuffer() {
        if (buf == null) {
            buf = new byte[file.pageSize()];
        }
    }

    private void grow() {
        if (buf.length >= (1 << 30)) {
            throw new FsException(Errno.ENOMEM, "seq_file record larger than 1 GiB");
        }
        buf = new byte[buf.length << 1];
        count = 0;
    }

    void release() {
        buf = null;
    }
}
