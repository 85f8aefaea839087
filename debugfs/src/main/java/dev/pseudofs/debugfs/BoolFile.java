package dev.pseudofs.debugfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Kstrtox;
import dev.pseudofs.core.OpenFile;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Is the operations of a {@code debugfs_create_bool} file (D10): reads "Y\n" or "N\n", fresh
 * on every read and honouring the position; a write looks at its first 3 bytes with
 * kstrtobool, changes the value only when they are recognised, and always claims the count.
 * The read-only and write-only variants lack the other method (EINVAL, D6).
 */
final class BoolFile extends ShadowedFile {
    /** The bytes kstrtobool_from_user looks at: sizeof(buf) - 1. */
    static final int MAX_INPUT = 3;

    private final BooleanSupplier get; // immutable; null = write-only variant
    private final Consumer<Boolean> set; // immutable; null = read-only variant

    BoolFile(BooleanSupplier get, Consumer<Boolean> set) {
        super(get != null, set != null);
        this.get = get;
        this.set = set;
    }

    /** Shows the value, as debugfs_read_file_bool. */
    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        if (get == null) {
            throw FsException.invalid("no read method");
        }
        return show(file, dst, pos, new byte[] {(byte) (get.getAsBoolean() ? 'Y' : 'N'), '\n'});
    }

    /** Parses the value, as debugfs_write_file_bool. */
    @Override
    public int write(OpenFile file, ByteBuffer src, long pos) {
        if (set == null) {
            throw FsException.invalid("no write method");
        }
        ShadowPosition shadow = shadow(file);
        shadow.toHandler(pos);
        int len = src.remaining();
        try {
            set.accept(Kstrtox.kstrtobool(Kstrtox.cString(UserInput.head(src, MAX_INPUT))));
        } catch (FsException e) {
            // unrecognised input leaves the value and is no error
        }
        src.position(src.limit());
        shadow.writeWithoutAdvance(pos, len);
        return len;
    }
}
