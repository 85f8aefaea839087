package dev.pseudofs.debugfs;

import dev.pseudofs.core.Libfs;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import java.nio.ByteBuffer;

/**
 * Is a debugfs file whose handlers see the kernel's file position through a
 * {@link ShadowPosition} kept per open (the bool and str files), with the read they share:
 * {@code simple_read_from_buffer} of a short text made afresh for every read.
 */
abstract class ShadowedFile implements RawOps {
    private final boolean readable; // immutable
    private final boolean writable; // immutable

    ShadowedFile(boolean readable, boolean writable) {
        this.readable = readable;
        this.writable = writable;
    }

    @Override
    public boolean readable() {
        return readable;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public void open(OpenFile file) {
        file.setPrivateData(new ShadowPosition());
    }

    /** Returns the position shadow of {@code file}. */
    static ShadowPosition shadow(OpenFile file) {
        return (ShadowPosition) file.privateData();
    }

    /** Copies {@code text} from position {@code pos} into {@code dst}, moving the shadow. */
    static int show(OpenFile file, ByteBuffer dst, long pos, byte[] text) {
        ShadowPosition shadow = shadow(file);
        int n = Libfs.simpleReadFromBuffer(dst, shadow.toHandler(pos), text, text.length);
        shadow.read(pos, n);
        return n;
    }
}
