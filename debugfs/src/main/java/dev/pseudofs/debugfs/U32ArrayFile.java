package dev.pseudofs.debugfs;

import dev.pseudofs.core.Libfs;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Is the operations of a {@code debugfs_create_u32_array} file (D13): at open, the values as
 * unsigned decimals separated by single spaces with a newline last ("" for no values); reads
 * serve that snapshot; non-seekable; no write method (EINVAL).
 */
final class U32ArrayFile implements RawOps {
    private final int[] array; // the program's array; read at every open

    private U32ArrayFile(int[] array) {
        this.array = array;
    }

    /** Returns the non-seekable operations for {@code array} (u32_array_fops, no_llseek). */
    static FileOps ops(int[] array) {
        return FileOps.raw(new U32ArrayFile(array)).nonSeekable();
    }

    @Override
    public boolean writable() {
        return false;
    }

    /** Formats the snapshot, as u32_array_open and u32_format_array. */
    @Override
    public void open(OpenFile file) {
        StringBuilder sb = new StringBuilder(array.length * 11);
        for (int i = 0; i < array.length; i++) {
            sb.append(Integer.toUnsignedString(array[i])).append(i + 1 < array.length ? ' ' : '\n');
        }
        file.setPrivateData(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Serves the snapshot, as u32_array_read. */
    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        byte[] text = (byte[]) file.privateData();
        return Libfs.simpleReadFromBuffer(dst, pos, text, text.length);
    }
}
