package dev.pseudofs.debugfs;

import dev.pseudofs.core.Kstrtox;
import dev.pseudofs.core.Libfs;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Defines the operations of a one-number file from a get/set pair and a printf format: the
 * kernel's {@code DEFINE_DEBUGFS_ATTRIBUTE} over fs/libfs.c's simple_attr (D9).
 *
 * <p>The file is non-seekable (lseek, pread and pwrite fail with ESPIPE). A read at position 0,
 * or while nothing is cached, calls {@code get} and formats the value; later reads continue
 * through that text. A write looks at its first 23 bytes only, parses them with base 0
 * ({@link Kstrtox}), calls {@code set} and claims the whole count; junk is EINVAL, too big a
 * number ERANGE, and the value stays. A missing {@code get} makes reads EACCES, a missing
 * {@code set} writes. Pass the result to {@link Debugfs#createFile}.
 */
public final class DebugfsAttribute implements RawOps {
    /** The bytes a write may carry to the parser: sizeof(set_buf) - 1. */
    static final int MAX_INPUT = 23;

    private final LongSupplier get;  // immutable; null = write-only
    private final LongConsumer set;  // immutable; null = read-only
    private final AttrFormat format; // immutable
    private final boolean signed;    // immutable: kstrtoll instead of kstrtoull

    private DebugfsAttribute(LongSupplier get, LongConsumer set, String format, boolean signed) {
        if (get == null && set == null) {
            throw new IllegalArgumentException("an attribute needs a get or a set");
        }
        this.get = get;
        this.set = set;
        this.format = AttrFormat.parse(format);
        this.signed = signed;
    }

    /**
     * Returns non-seekable operations that parse writes as unsigned numbers
     * (DEFINE_DEBUGFS_ATTRIBUTE); either callback may be {@code null}.
     */
    public static FileOps define(LongSupplier get, LongConsumer set, String format) {
        return new DebugfsAttribute(get, set, format, false).fileOps();
    }

    /** Returns non-seekable operations that parse writes as signed numbers (…_SIGNED). */
    public static FileOps defineSigned(LongSupplier get, LongConsumer set, String format) {
        return new DebugfsAttribute(get, set, format, true).fileOps();
    }

    private FileOps fileOps() {
        return FileOps.raw(this).nonSeekable(); // simple_attr_open: nonseekable_open
    }

    /** The per-open state of simple_attr: the formatted text and the position shadow. */
    private static final class State {
        byte[] text = new byte[0]; // get_buf; empty = nothing cached
        final ShadowPosition position = new ShadowPosition();
    }

    @Override
    public boolean readable() {
        return get != null;
    }

    @Override
    public boolean writable() {
        return set != null;
    }

    @Override
    public void open(OpenFile file) {
        file.setPrivateData(new State());
    }

    /** Reads the value, as simple_attr_read. */
    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        if (get == null) {
            throw FsException.accessDenied("write-only attribute");
        }
        State st = (State) file.privateData();
        long ppos = st.position.toHandler(pos);
        if (ppos == 0 || st.text.length == 0) { // continued read only while text is cached
            st.text = format.format(get.getAsLong());
        }
        int n = Libfs.simpleReadFromBuffer(dst, ppos, st.text, st.text.length);
        st.position.read(pos, n);
        return n;
    }

    /** Parses and stores a value, as simple_attr_write_xsigned. */
    @Override
    public int write(OpenFile file, ByteBuffer src, long pos) {
        if (set == null) {
            throw FsException.accessDenied("read-only attribute");
        }
        State st = (State) file.privateData();
        st.position.toHandler(pos);
        int len = src.remaining();
        byte[] input = UserInput.head(src, MAX_INPUT);
        String text = Kstrtox.cString(input); // a C string: up to its first NUL
        long val = signed ? Kstrtox.kstrtoll(text, 0) : Kstrtox.kstrtoull(text, 0);
        set.accept(val);
        src.position(src.limit());
        st.position.writeWithoutAdvance(pos, len);
        return len; // "on success, claim we got the whole input"
    }
}
