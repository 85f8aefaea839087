package dev.pseudofs.debugfs;

import dev.pseudofs.core.Libfs;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import java.nio.ByteBuffer;

/**
 * Is the operations of a {@code debugfs_create_blob} file (D12): the bytes of an array the
 * program owns, read from the position up to the array's length, and overwritten in place
 * by writes inside that length (a write at or past the end returns 0).
 */
final class BlobFile implements RawOps {
    private final byte[] data; // the blob wrapper's data and size; the program owns the contents

    BlobFile(byte[] data) {
        this.data = data;
    }

    /** Reads the blob, as read_file_blob. */
    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        return Libfs.simpleReadFromBuffer(dst, pos, data, data.length);
    }

    /** Overwrites the blob in place, as write_file_blob. */
    @Override
    public int write(OpenFile file, ByteBuffer src, long pos) {
        return Libfs.simpleWriteToBuffer(data, data.length, pos, src);
    }
}
