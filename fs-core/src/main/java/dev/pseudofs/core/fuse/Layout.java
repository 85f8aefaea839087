package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Stat;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;

/**
 * Holds the C layouts the bridge reads and writes: {@code struct stat} (x86-64 and the generic
 * 64-bit layout of aarch64), libfuse 2.9's {@code fuse_entry_param}, {@code fuse_file_info},
 * {@code fuse_conn_info}, {@code struct statvfs}, the kernel's {@code fuse_in_header} and
 * {@code fuse_dirent}, and the slot order of {@code fuse_lowlevel_ops}.
 */
final class Layout {
    private Layout() {}

    private static final boolean X86_64 = Platform.getNativePlatform().getCPU() == Platform.CPU.X86_64;

    // struct stat
    static final int STAT_SIZE = X86_64 ? 144 : 128;
    private static final int ST_INO = 8;
    private static final int ST_NLINK = X86_64 ? 16 : 20;
    static final int ST_MODE = X86_64 ? 24 : 16;
    static final int ST_UID = X86_64 ? 28 : 24;
    static final int ST_GID = X86_64 ? 32 : 28;
    private static final int ST_SIZE = 48;
    private static final int ST_BLKSIZE = 56;
    static final int ST_ATIM = 72;
    static final int ST_MTIM = 88;
    private static final int ST_CTIM = 104;

    // struct fuse_entry_param: ino, generation, struct stat attr, attr_timeout, entry_timeout
    static final int ENTRY_ATTR = 16;
    static final int ENTRY_SIZE = ENTRY_ATTR + STAT_SIZE + 16;

    // struct fuse_file_info: int flags; unsigned long fh_old; int writepage; a bit-field word;
    // uint64_t fh; ...
    static final int FI_FH = 24;

    // struct fuse_conn_info: proto_major, proto_minor, async_read, max_write, max_readahead,
    // capable, want, ...
    static final int CONN_CAPABLE = 20;
    static final int CONN_WANT = 24;
    static final int CAP_ATOMIC_O_TRUNC = 1 << 3;
    static final int CAP_BIG_WRITES = 1 << 5;

    // struct fuse_in_header (the kernel's): u32 len, u32 opcode, u64 unique, u64 nodeid, u32 uid,
    // u32 gid, u32 pid, u32 padding
    static final int IN_OPCODE = 4;
    static final int IN_UNIQUE = 8;
    static final int IN_NODEID = 16;
    static final int IN_UID = 24;
    static final int IN_GID = 28;
    static final int IN_PID = 32;
    static final int IN_ARG = 40; // the opcode's own struct follows the header

    // opcodes the bridge answers itself, fuse_out_header {u32 len; s32 error; u64 unique}, and
    // fuse_open_out's open_flags
    static final int FUSE_OPEN = 14;
    static final int FUSE_READ = 15;
    static final int FUSE_RELEASE = 18;
    static final int OUT_HEADER = 16;
    static final int FOPEN_DIRECT_IO = 1;
    static final int FOPEN_NONSEEKABLE = 1 << 2;

    // struct statvfs: f_bsize, f_frsize, f_blocks, ..., f_namemax at 80; 112 bytes
    static final int STATVFS_SIZE = 112;
    static final int F_BSIZE = 0;
    static final int F_FRSIZE = 8;
    static final int F_NAMEMAX = 80;

    // struct fuse_dirent (the kernel's): u64 ino, u64 off, u32 namelen, u32 type, name, padded to 8
    static final int DIRENT_HEADER = 24;

    // fuse_lowlevel_ops slots, in declaration order
    static final int OP_INIT = 0;
    static final int OP_LOOKUP = 2;
    static final int OP_FORGET = 3;
    static final int OP_GETATTR = 4;
    static final int OP_SETATTR = 5;
    static final int OP_READLINK = 6;
    static final int OP_MKNOD = 7;
    static final int OP_MKDIR = 8;
    static final int OP_UNLINK = 9;
    static final int OP_RMDIR = 10;
    static final int OP_SYMLINK = 11;
    static final int OP_RENAME = 12;
    static final int OP_LINK = 13;
    static final int OP_WRITE = 16;
    static final int OP_FSYNC = 19;
    static final int OP_OPENDIR = 20;
    static final int OP_READDIR = 21;
    static final int OP_RELEASEDIR = 22;
    static final int OP_FSYNCDIR = 23;
    static final int OP_STATFS = 24;
    static final int OP_CREATE = 30;
    static final int OP_POLL = 35;
    static final int OP_FORGET_MULTI = 38;
    static final int OPS_COUNT = 41;

    // setattr to_set bits
    static final int SET_MODE = 1;
    static final int SET_UID = 1 << 1;
    static final int SET_GID = 1 << 2;
    static final int SET_SIZE = 1 << 3;
    static final int SET_ATIME = 1 << 4;
    static final int SET_MTIME = 1 << 5;
    static final int SET_ATIME_NOW = 1 << 7;
    static final int SET_MTIME_NOW = 1 << 8;

    /** Writes {@code s} as a struct stat at {@code p + off}, every other byte zero. */
    static void putStat(Pointer p, long off, Stat s) {
        p.setMemory(off, STAT_SIZE, (byte) 0);
        p.putLong(off + ST_INO, s.ino());
        if (X86_64) {
            p.putLong(off + ST_NLINK, s.nlink());
            p.putLong(off + ST_BLKSIZE, s.blockSize());
        } else {
            p.putInt(off + ST_NLINK, s.nlink());
            p.putInt(off + ST_BLKSIZE, s.blockSize());
        }
        p.putInt(off + ST_MODE, s.mode());
        p.putInt(off + ST_UID, s.uid());
        p.putInt(off + ST_GID, s.gid());
        p.putLong(off + ST_SIZE, s.size());
        putTime(p, off + ST_ATIM, s.atimeNanos());
        putTime(p, off + ST_MTIM, s.mtimeNanos());
        putTime(p, off + ST_CTIM, s.ctimeNanos());
    }

    private static void putTime(Pointer p, long off, long nanos) {
        p.putLong(off, Math.floorDiv(nanos, 1_000_000_000L));
        p.putLong(off + 8, Math.floorMod(nanos, 1_000_000_000L));
    }
}
