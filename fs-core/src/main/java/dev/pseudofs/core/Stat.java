package dev.pseudofs.core;

/**
 * Holds the stat(2) fields of a node as the kernel would report them.
 *
 * @param ino inode number
 * @param mode type and permission bits
 * @param nlink link count (K3, C1)
 * @param uid owner uid
 * @param gid owner gid
 * @param size st_size (K2, P3)
 * @param blockSize st_blksize (K3, P4)
 * @param atimeNanos access time, nanoseconds since the epoch
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param ctimeNanos status change time, nanoseconds since the epoch
 */
public record Stat(long ino, int mode, int nlink, int uid, int gid, long size, int blockSize,
                   long atimeNanos, long mtimeNanos, long ctimeNanos) {
    /** Directory type bits. */
    public static final int S_IFDIR = 0040000;
    /** Regular file type bits. */
    public static final int S_IFREG = 0100000;
    /** Symbolic link type bits. */
    public static final int S_IFLNK = 0120000;
    /** Mask of the type bits. */
    public static final int S_IFMT = 0170000;
}
