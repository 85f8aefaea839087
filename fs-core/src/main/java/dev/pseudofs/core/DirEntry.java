package dev.pseudofs.core;

/**
 * Is one readdir entry.
 *
 * @param name the entry name ("." and ".." included)
 * @param ino the inode number
 * @param typeBits {@link Stat#S_IFDIR}, {@link Stat#S_IFREG} or {@link Stat#S_IFLNK}, so that
 *     d_type is filled (glibc's CPU counting and {@code find -type} need it)
 * @param nextOffset the d_off of this entry: the position at which a listing resumes after it
 */
public record DirEntry(String name, long ino, int typeBits, long nextOffset) {}
