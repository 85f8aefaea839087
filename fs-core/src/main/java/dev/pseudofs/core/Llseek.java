package dev.pseudofs.core;

/**
 * Names a file's llseek method, the one the kernel's file system would give it, for the two
 * whences that only the file system can answer: SEEK_DATA and SEEK_HOLE.
 *
 * <p>SEEK_SET, SEEK_CUR and SEEK_END are the same for the three methods up to st_size, and the
 * kernel's FUSE client answers them itself from our st_size; a non-seekable file
 * ({@link FileOps#nonSeekable}) is refused with ESPIPE before any method runs (D9).
 */
public enum Llseek {
    /**
     * generic_file_llseek (kernfs_fop_llseek, configfs text attributes, /proc/PID/cmdline):
     * SEEK_DATA at an offset before st_size stays there, SEEK_HOLE goes to st_size; at or past
     * st_size, or negative (compared unsigned), ENXIO (K23).
     */
    GENERIC,
    /**
     * default_llseek (/proc/sys, debugfs bool and str): as {@link #GENERIC}, but a negative
     * offset is compared signed: SEEK_DATA then fails with EINVAL and SEEK_HOLE goes to st_size
     * (C6: st_size 0, so SEEK_DATA -1 is EINVAL and SEEK_HOLE -1 is 0).
     */
    DEFAULT,
    /** seq_lseek (seq_file, proc entries): SEEK_DATA and SEEK_HOLE are EINVAL (Q10, P7). */
    SEQ;

    /** The whences the kernel's FUSE client asks the server about (linux/fs.h). */
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    /**
     * Returns the position SEEK_DATA or SEEK_HOLE moves to from {@code offset} in a file whose
     * st_size is {@code size}, as this method computes it.
     *
     * @throws FsException ENXIO past the data, EINVAL where the method refuses, or EINVAL for
     *         another whence
     */
    public long seek(long offset, int whence, long size) {
        if (this == SEQ || (whence != SEEK_DATA && whence != SEEK_HOLE)) {
            throw FsException.invalid("llseek whence " + whence);
        }
        boolean beyond = this == GENERIC ? Long.compareUnsigned(offset, size) >= 0 : offset >= size;
        if (beyond) {
            throw new FsException(Errno.ENXIO, "no " + (whence == SEEK_DATA ? "data" : "hole") + " at " + offset);
        }
        long to = whence == SEEK_DATA ? offset : size; // the whole file is data, a virtual hole at its end
        if (to < 0) {
            throw FsException.invalid("negative position " + to); // vfs_setpos
        }
        return to;
    }
}
