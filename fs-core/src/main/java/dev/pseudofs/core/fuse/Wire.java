package dev.pseudofs.core.fuse;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Is the kernel's FUSE wire format ({@code <linux/fuse.h>}, protocol 7.x) in one place: opcodes,
 * flags, and the offset of every struct field the bridge reads or writes. These structs have the
 * same layout on every 64-bit and 32-bit CPU (fixed-width fields, explicit padding); only the
 * byte order is the CPU's. {@link #checked} lists them all for the test that compiles them
 * against the system's header, so they cannot drift.
 */
final class Wire {
    private Wire() {}

    /** The protocol we speak: the kernel's major, and the highest minor whose structs we know. */
    static final int MAJOR = 7;
    static final int MAX_MINOR = 31;
    /** The oldest minor whose structs (fuse_read_in, fuse_write_in, fuse_mknod_in ...) we decode. */
    static final int MIN_MINOR = 12;

    // opcodes
    static final int LOOKUP = 1;
    static final int FORGET = 2;
    static final int GETATTR = 3;
    static final int SETATTR = 4;
    static final int READLINK = 5;
    static final int SYMLINK = 6;
    static final int MKNOD = 8;
    static final int MKDIR = 9;
    static final int UNLINK = 10;
    static final int RMDIR = 11;
    static final int RENAME = 12;
    static final int LINK = 13;
    static final int OPEN = 14;
    static final int READ = 15;
    static final int WRITE = 16;
    static final int STATFS = 17;
    static final int RELEASE = 18;
    static final int FSYNC = 20;
    static final int SETXATTR = 21;
    static final int GETXATTR = 22;
    static final int LISTXATTR = 23;
    static final int REMOVEXATTR = 24;
    static final int INIT = 26;
    static final int OPENDIR = 27;
    static final int READDIR = 28;
    static final int RELEASEDIR = 29;
    static final int FSYNCDIR = 30;
    static final int CREATE = 35;
    static final int INTERRUPT = 36;
    static final int DESTROY = 38;
    static final int IOCTL = 39;
    static final int POLL = 40;
    static final int READDIRPLUS = 44;
    static final int BATCH_FORGET = 42;
    static final int RENAME2 = 45;
    static final int LSEEK = 46;

    // notification codes (fuse_notify_code), sent as fuse_out_header.error with unique 0
    static final int NOTIFY_POLL = 1;
    static final int NOTIFY_INVAL_INODE = 2;
    static final int NOTIFY_INVAL_ENTRY = 3;

    // fuse_init flags
    static final int ASYNC_READ = 1;
    static final int ATOMIC_O_TRUNC = 1 << 3;
    static final int BIG_WRITES = 1 << 5;
    static final int DO_READDIRPLUS = 1 << 13;
    static final int READDIRPLUS_AUTO = 1 << 14;
    static final int NO_OPEN_SUPPORT = 1 << 17;
    static final int MAX_PAGES = 1 << 22; // 7.28: init_out.max_pages is read

    // fuse_open_out.open_flags
    static final int FOPEN_DIRECT_IO = 1;
    static final int FOPEN_KEEP_CACHE = 1 << 1;
    static final int FOPEN_CACHE_DIR = 1 << 3;
    static final int FOPEN_NONSEEKABLE = 1 << 2;

    // fuse_setattr_in.valid
    static final int FATTR_MODE = 1;
    static final int FATTR_UID = 1 << 1;
    static final int FATTR_GID = 1 << 2;
    static final int FATTR_SIZE = 1 << 3;
    static final int FATTR_ATIME = 1 << 4;
    static final int FATTR_MTIME = 1 << 5;
    static final int FATTR_ATIME_NOW = 1 << 7;
    static final int FATTR_MTIME_NOW = 1 << 8;

    // fuse_ioctl_in.flags
    static final int IOCTL_UNRESTRICTED = 1 << 1;
    static final int IOCTL_DIR = 1 << 4;

    // fuse_poll_in.flags
    static final int POLL_SCHEDULE_NOTIFY = 1;

    // renameat2 flags (linux/fs.h)
    static final int RENAME_NOREPLACE = 1;
    static final int RENAME_EXCHANGE = 2;

    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    // struct fuse_in_header
    static final int IN_LEN = 0;
    static final int IN_OPCODE = 4;
    static final int IN_UNIQUE = 8;
    static final int IN_NODEID = 16;
    static final int IN_UID = 24;
    static final int IN_GID = 28;
    static final int IN_PID = 32;
    static final int IN_HEADER = 40; // the opcode's own struct follows

    // struct fuse_out_header
    static final int OUT_LEN = 0;
    static final int OUT_ERROR = 4;
    static final int OUT_UNIQUE = 8;
    static final int OUT_HEADER = 16;

    // struct fuse_init_in
    static final int INIT_IN_MAJOR = 0;
    static final int INIT_IN_MINOR = 4;
    static final int INIT_IN_MAX_READAHEAD = 8;
    static final int INIT_IN_FLAGS = 12;

    // struct fuse_init_out
    static final int INIT_OUT_MAJOR = 0;
    static final int INIT_OUT_MINOR = 4;
    static final int INIT_OUT_MAX_READAHEAD = 8;
    static final int INIT_OUT_FLAGS = 12;
    static final int INIT_OUT_MAX_BACKGROUND = 16;
    static final int INIT_OUT_CONGESTION_THRESHOLD = 18;
    static final int INIT_OUT_MAX_WRITE = 20;
    static final int INIT_OUT_TIME_GRAN = 24;
    static final int INIT_OUT_MAX_PAGES = 28;
    static final int INIT_OUT_SIZE = 64;
    static final int INIT_OUT_COMPAT_22_SIZE = 24; // what a kernel before 7.23 takes

    // struct fuse_attr
    static final int ATTR_INO = 0;
    static final int ATTR_SIZE = 8;
    static final int ATTR_BLOCKS = 16;
    static final int ATTR_ATIME = 24;
    static final int ATTR_MTIME = 32;
    static final int ATTR_CTIME = 40;
    static final int ATTR_ATIMENSEC = 48;
    static final int ATTR_MTIMENSEC = 52;
    static final int ATTR_CTIMENSEC = 56;
    static final int ATTR_MODE = 60;
    static final int ATTR_NLINK = 64;
    static final int ATTR_UID = 68;
    static final int ATTR_GID = 72;
    static final int ATTR_RDEV = 76;
    static final int ATTR_BLKSIZE = 80;
    static final int ATTR_STRUCT = 88;

    // struct fuse_entry_out
    static final int ENTRY_NODEID = 0;
    static final int ENTRY_GENERATION = 8;
    static final int ENTRY_ENTRY_VALID = 16;
    static final int ENTRY_ATTR_VALID = 24;
    static final int ENTRY_ENTRY_VALID_NSEC = 32;
    static final int ENTRY_ATTR_VALID_NSEC = 36;
    static final int ENTRY_ATTR = 40;
    static final int ENTRY_OUT = 128;

    // struct fuse_attr_out
    static final int ATTR_OUT_VALID = 0;
    static final int ATTR_OUT_VALID_NSEC = 8;
    static final int ATTR_OUT_ATTR = 16;
    static final int ATTR_OUT = 104;

    // struct fuse_forget_in, fuse_batch_forget_in, fuse_forget_one
    static final int FORGET_NLOOKUP = 0;
    static final int BATCH_FORGET_COUNT = 0;
    static final int BATCH_FORGET_IN = 8;
    static final int FORGET_ONE_NODEID = 0;
    static final int FORGET_ONE_NLOOKUP = 8;
    static final int FORGET_ONE = 16;

    // struct fuse_setattr_in
    static final int SETATTR_VALID = 0;
    static final int SETATTR_SIZE = 16;
    static final int SETATTR_ATIME = 32;
    static final int SETATTR_MTIME = 40;
    static final int SETATTR_ATIMENSEC = 56;
    static final int SETATTR_MTIMENSEC = 60;
    static final int SETATTR_MODE = 68;
    static final int SETATTR_UID = 76;
    static final int SETATTR_GID = 80;

    // struct fuse_mknod_in, fuse_mkdir_in, fuse_create_in, fuse_link_in, fuse_rename_in, fuse_rename2_in
    static final int MKNOD_MODE = 0;
    static final int MKNOD_RDEV = 4;
    static final int MKNOD_IN = 16;
    static final int MKDIR_MODE = 0;
    static final int MKDIR_IN = 8;
    static final int CREATE_FLAGS = 0;
    static final int CREATE_MODE = 4;
    static final int CREATE_IN = 16;
    static final int LINK_OLDNODEID = 0;
    static final int LINK_IN = 8;
    static final int RENAME_NEWDIR = 0;
    static final int RENAME_IN = 8;
    static final int RENAME2_NEWDIR = 0;
    static final int RENAME2_FLAGS = 8;
    static final int RENAME2_IN = 16;

    // struct fuse_open_in, fuse_open_out
    static final int OPEN_FLAGS = 0;
    static final int OPEN_OUT_FH = 0;
    static final int OPEN_OUT_OPEN_FLAGS = 8;
    static final int OPEN_OUT = 16;

    // struct fuse_read_in, fuse_write_in, fuse_write_out, fuse_release_in
    static final int READ_FH = 0;
    static final int READ_OFFSET = 8;
    static final int READ_SIZE = 16;
    static final int WRITE_FH = 0;
    static final int WRITE_OFFSET = 8;
    static final int WRITE_SIZE = 16;
    static final int WRITE_IN = 40; // the data follows
    static final int WRITE_OUT_SIZE = 0;
    static final int WRITE_OUT = 8;
    static final int RELEASE_FH = 0;

    // struct fuse_setxattr_in as the kernel sends it without FUSE_SETXATTR_EXT
    // (FUSE_COMPAT_SETXATTR_IN_SIZE), then the name and the value
    static final int SETXATTR_SIZE = 0;
    static final int SETXATTR_FLAGS = 4;
    static final int SETXATTR_IN = 8;

    // struct fuse_getxattr_in (GETXATTR: then the name; LISTXATTR: alone) and fuse_getxattr_out
    static final int GETXATTR_SIZE = 0;
    static final int GETXATTR_IN = 8;
    static final int GETXATTR_OUT_SIZE = 0;
    static final int GETXATTR_OUT = 8;

    // struct fuse_kstatfs (fuse_statfs_out)
    static final int STATFS_BSIZE = 40;
    static final int STATFS_NAMELEN = 44;
    static final int STATFS_FRSIZE = 48;
    static final int STATFS_OUT = 80;

    // struct fuse_interrupt_in, fuse_poll_in, fuse_poll_out
    static final int INTERRUPT_UNIQUE = 0;
    static final int POLL_FH = 0;
    static final int POLL_KH = 8;
    static final int POLL_FLAGS = 16;
    static final int POLL_OUT_REVENTS = 0;
    static final int POLL_OUT = 8;

    // struct fuse_ioctl_in (then in_size bytes), fuse_ioctl_out (then the bytes for the caller)
    static final int IOCTL_FH = 0;
    static final int IOCTL_FLAGS = 8;
    static final int IOCTL_CMD = 12;
    static final int IOCTL_ARG = 16;
    static final int IOCTL_IN_SIZE = 24;
    static final int IOCTL_OUT_SIZE = 28;
    static final int IOCTL_IN = 32;
    static final int IOCTL_OUT_RESULT = 0;
    static final int IOCTL_OUT_FLAGS = 4;
    static final int IOCTL_OUT_IN_IOVS = 8;
    static final int IOCTL_OUT_OUT_IOVS = 12;
    static final int IOCTL_OUT = 16;

    // struct fuse_lseek_in, fuse_lseek_out
    static final int LSEEK_FH = 0;
    static final int LSEEK_OFFSET = 8;
    static final int LSEEK_WHENCE = 16;
    static final int LSEEK_IN = 24;
    static final int LSEEK_OUT_OFFSET = 0;
    static final int LSEEK_OUT = 8;

    // struct fuse_dirent: ino, off, namelen, type, name padded to 8
    static final int DIRENT_INO = 0;
    static final int DIRENT_OFF = 8;
    static final int DIRENT_NAMELEN = 16;
    static final int DIRENT_TYPE = 20;
    static final int DIRENT_NAME = 24;

    // notifications: fuse_notify_poll_wakeup_out, fuse_notify_inval_inode_out, fuse_notify_inval_entry_out
    static final int POLL_WAKEUP_KH = 0;
    static final int POLL_WAKEUP_OUT = 8;
    static final int INVAL_INODE_INO = 0;
    static final int INVAL_INODE_OFF = 8;
    static final int INVAL_INODE_LEN = 16;
    static final int INVAL_INODE_OUT = 24;
    static final int INVAL_ENTRY_PARENT = 0;
    static final int INVAL_ENTRY_NAMELEN = 8;
    static final int INVAL_ENTRY_OUT = 16;

    /**
     * Returns every value above that {@code <linux/fuse.h>} defines, as a C expression (an
     * {@code offsetof}, a {@code sizeof} or a constant) with the value we use.
     */
    static Map<String, Long> checked() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("FUSE_KERNEL_VERSION", (long) MAJOR);
        String[][] ops = {
            {"LOOKUP", "" + LOOKUP}, {"FORGET", "" + FORGET}, {"GETATTR", "" + GETATTR},
            {"SETATTR", "" + SETATTR}, {"READLINK", "" + READLINK}, {"SYMLINK", "" + SYMLINK},
            {"MKNOD", "" + MKNOD}, {"MKDIR", "" + MKDIR}, {"UNLINK", "" + UNLINK},
            {"RMDIR", "" + RMDIR}, {"RENAME", "" + RENAME}, {"LINK", "" + LINK}, {"OPEN", "" + OPEN},
            {"READ", "" + READ}, {"WRITE", "" + WRITE}, {"STATFS", "" + STATFS},
            {"RELEASE", "" + RELEASE}, {"FSYNC", "" + FSYNC}, {"INIT", "" + INIT},
            {"OPENDIR", "" + OPENDIR}, {"READDIR", "" + READDIR}, {"RELEASEDIR", "" + RELEASEDIR},
            {"FSYNCDIR", "" + FSYNCDIR}, {"CREATE", "" + CREATE}, {"INTERRUPT", "" + INTERRUPT},
            {"DESTROY", "" + DESTROY}, {"POLL", "" + POLL}, {"BATCH_FORGET", "" + BATCH_FORGET},
            {"RENAME2", "" + RENAME2}, {"READDIRPLUS", "" + READDIRPLUS},
            {"SETXATTR", "" + SETXATTR}, {"GETXATTR", "" + GETXATTR}, {"LISTXATTR", "" + LISTXATTR},
            {"REMOVEXATTR", "" + REMOVEXATTR}, {"IOCTL", "" + IOCTL}, {"LSEEK", "" + LSEEK},
        };
        for (String[] op : ops) {
            m.put("FUSE_" + op[0], Long.parseLong(op[1]));
        }
        m.put("FUSE_NOTIFY_POLL", (long) NOTIFY_POLL);
        m.put("FUSE_NOTIFY_INVAL_INODE", (long) NOTIFY_INVAL_INODE);
        m.put("FUSE_NOTIFY_INVAL_ENTRY", (long) NOTIFY_INVAL_ENTRY);
        m.put("FUSE_ASYNC_READ", (long) ASYNC_READ);
        m.put("FUSE_ATOMIC_O_TRUNC", (long) ATOMIC_O_TRUNC);
        m.put("FUSE_BIG_WRITES", (long) BIG_WRITES);
        m.put("FUSE_DO_READDIRPLUS", (long) DO_READDIRPLUS);
        m.put("FUSE_READDIRPLUS_AUTO", (long) READDIRPLUS_AUTO);
        m.put("FUSE_NO_OPEN_SUPPORT", (long) NO_OPEN_SUPPORT);
        m.put("FUSE_MAX_PAGES", (long) MAX_PAGES);
        m.put("FOPEN_DIRECT_IO", (long) FOPEN_DIRECT_IO);
        m.put("FOPEN_KEEP_CACHE", (long) FOPEN_KEEP_CACHE);
        m.put("FOPEN_CACHE_DIR", (long) FOPEN_CACHE_DIR);
        m.put("FOPEN_NONSEEKABLE", (long) FOPEN_NONSEEKABLE);
        m.put("FATTR_MODE", (long) FATTR_MODE);
        m.put("FATTR_UID", (long) FATTR_UID);
        m.put("FATTR_GID", (long) FATTR_GID);
        m.put("FATTR_SIZE", (long) FATTR_SIZE);
        m.put("FATTR_ATIME", (long) FATTR_ATIME);
        m.put("FATTR_MTIME", (long) FATTR_MTIME);
        m.put("FATTR_ATIME_NOW", (long) FATTR_ATIME_NOW);
        m.put("FATTR_MTIME_NOW", (long) FATTR_MTIME_NOW);
        m.put("FUSE_POLL_SCHEDULE_NOTIFY", (long) POLL_SCHEDULE_NOTIFY);
        m.put("FUSE_IOCTL_UNRESTRICTED", (long) IOCTL_UNRESTRICTED);
        m.put("FUSE_IOCTL_DIR", (long) IOCTL_DIR);
        field(m, "fuse_in_header", "len", IN_LEN);
        field(m, "fuse_in_header", "opcode", IN_OPCODE);
        field(m, "fuse_in_header", "unique", IN_UNIQUE);
        field(m, "fuse_in_header", "nodeid", IN_NODEID);
        field(m, "fuse_in_header", "uid", IN_UID);
        field(m, "fuse_in_header", "gid", IN_GID);
        field(m, "fuse_in_header", "pid", IN_PID);
        size(m, "fuse_in_header", IN_HEADER);
        field(m, "fuse_out_header", "len", OUT_LEN);
        field(m, "fuse_out_header", "error", OUT_ERROR);
        field(m, "fuse_out_header", "unique", OUT_UNIQUE);
        size(m, "fuse_out_header", OUT_HEADER);
        field(m, "fuse_init_in", "major", INIT_IN_MAJOR);
        field(m, "fuse_init_in", "minor", INIT_IN_MINOR);
        field(m, "fuse_init_in", "max_readahead", INIT_IN_MAX_READAHEAD);
        field(m, "fuse_init_in", "flags", INIT_IN_FLAGS);
        field(m, "fuse_init_out", "major", INIT_OUT_MAJOR);
        field(m, "fuse_init_out", "minor", INIT_OUT_MINOR);
        field(m, "fuse_init_out", "max_readahead", INIT_OUT_MAX_READAHEAD);
        field(m, "fuse_init_out", "flags", INIT_OUT_FLAGS);
        field(m, "fuse_init_out", "max_background", INIT_OUT_MAX_BACKGROUND);
        field(m, "fuse_init_out", "congestion_threshold", INIT_OUT_CONGESTION_THRESHOLD);
        field(m, "fuse_init_out", "max_write", INIT_OUT_MAX_WRITE);
        field(m, "fuse_init_out", "time_gran", INIT_OUT_TIME_GRAN);
        field(m, "fuse_init_out", "max_pages", INIT_OUT_MAX_PAGES);
        size(m, "fuse_init_out", INIT_OUT_SIZE);
        m.put("FUSE_COMPAT_22_INIT_OUT_SIZE", (long) INIT_OUT_COMPAT_22_SIZE);
        field(m, "fuse_attr", "ino", ATTR_INO);
        field(m, "fuse_attr", "size", ATTR_SIZE);
        field(m, "fuse_attr", "blocks", ATTR_BLOCKS);
        field(m, "fuse_attr", "atime", ATTR_ATIME);
        field(m, "fuse_attr", "mtime", ATTR_MTIME);
        field(m, "fuse_attr", "ctime", ATTR_CTIME);
        field(m, "fuse_attr", "atimensec", ATTR_ATIMENSEC);
        field(m, "fuse_attr", "mtimensec", ATTR_MTIMENSEC);
        field(m, "fuse_attr", "ctimensec", ATTR_CTIMENSEC);
        field(m, "fuse_attr", "mode", ATTR_MODE);
        field(m, "fuse_attr", "nlink", ATTR_NLINK);
        field(m, "fuse_attr", "uid", ATTR_UID);
        field(m, "fuse_attr", "gid", ATTR_GID);
        field(m, "fuse_attr", "rdev", ATTR_RDEV);
        field(m, "fuse_attr", "blksize", ATTR_BLKSIZE);
        size(m, "fuse_attr", ATTR_STRUCT);
        field(m, "fuse_entry_out", "nodeid", ENTRY_NODEID);
        field(m, "fuse_entry_out", "generation", ENTRY_GENERATION);
        field(m, "fuse_entry_out", "entry_valid", ENTRY_ENTRY_VALID);
        field(m, "fuse_entry_out", "attr_valid", ENTRY_ATTR_VALID);
        field(m, "fuse_entry_out", "entry_valid_nsec", ENTRY_ENTRY_VALID_NSEC);
        field(m, "fuse_entry_out", "attr_valid_nsec", ENTRY_ATTR_VALID_NSEC);
        field(m, "fuse_entry_out", "attr", ENTRY_ATTR);
        size(m, "fuse_entry_out", ENTRY_OUT);
        field(m, "fuse_attr_out", "attr_valid", ATTR_OUT_VALID);
        field(m, "fuse_attr_out", "attr_valid_nsec", ATTR_OUT_VALID_NSEC);
        field(m, "fuse_attr_out", "attr", ATTR_OUT_ATTR);
        size(m, "fuse_attr_out", ATTR_OUT);
        field(m, "fuse_forget_in", "nlookup", FORGET_NLOOKUP);
        field(m, "fuse_batch_forget_in", "count", BATCH_FORGET_COUNT);
        size(m, "fuse_batch_forget_in", BATCH_FORGET_IN);
        field(m, "fuse_forget_one", "nodeid", FORGET_ONE_NODEID);
        field(m, "fuse_forget_one", "nlookup", FORGET_ONE_NLOOKUP);
        size(m, "fuse_forget_one", FORGET_ONE);
        field(m, "fuse_setattr_in", "valid", SETATTR_VALID);
        field(m, "fuse_setattr_in", "size", SETATTR_SIZE);
        field(m, "fuse_setattr_in", "atime", SETATTR_ATIME);
        field(m, "fuse_setattr_in", "mtime", SETATTR_MTIME);
        field(m, "fuse_setattr_in", "atimensec", SETATTR_ATIMENSEC);
        field(m, "fuse_setattr_in", "mtimensec", SETATTR_MTIMENSEC);
        field(m, "fuse_setattr_in", "mode", SETATTR_MODE);
        field(m, "fuse_setattr_in", "uid", SETATTR_UID);
        field(m, "fuse_setattr_in", "gid", SETATTR_GID);
        field(m, "fuse_mknod_in", "mode", MKNOD_MODE);
        field(m, "fuse_mknod_in", "rdev", MKNOD_RDEV);
        size(m, "fuse_mknod_in", MKNOD_IN);
        field(m, "fuse_mkdir_in", "mode", MKDIR_MODE);
        size(m, "fuse_mkdir_in", MKDIR_IN);
        field(m, "fuse_create_in", "flags", CREATE_FLAGS);
        field(m, "fuse_create_in", "mode", CREATE_MODE);
        size(m, "fuse_create_in", CREATE_IN);
        field(m, "fuse_link_in", "oldnodeid", LINK_OLDNODEID);
        size(m, "fuse_link_in", LINK_IN);
        field(m, "fuse_rename_in", "newdir", RENAME_NEWDIR);
        size(m, "fuse_rename_in", RENAME_IN);
        field(m, "fuse_rename2_in", "newdir", RENAME2_NEWDIR);
        field(m, "fuse_rename2_in", "flags", RENAME2_FLAGS);
        size(m, "fuse_rename2_in", RENAME2_IN);
        field(m, "fuse_setxattr_in", "size", SETXATTR_SIZE);
        field(m, "fuse_setxattr_in", "flags", SETXATTR_FLAGS);
        m.put("FUSE_COMPAT_SETXATTR_IN_SIZE", (long) SETXATTR_IN);
        field(m, "fuse_getxattr_in", "size", GETXATTR_SIZE);
        size(m, "fuse_getxattr_in", GETXATTR_IN);
        field(m, "fuse_getxattr_out", "size", GETXATTR_OUT_SIZE);
        size(m, "fuse_getxattr_out", GETXATTR_OUT);
        field(m, "fuse_open_in", "flags", OPEN_FLAGS);
        field(m, "fuse_open_out", "fh", OPEN_OUT_FH);
        field(m, "fuse_open_out", "open_flags", OPEN_OUT_OPEN_FLAGS);
        size(m, "fuse_open_out", OPEN_OUT);
        field(m, "fuse_read_in", "fh", READ_FH);
        field(m, "fuse_read_in", "offset", READ_OFFSET);
        field(m, "fuse_read_in", "size", READ_SIZE);
        field(m, "fuse_write_in", "fh", WRITE_FH);
        field(m, "fuse_write_in", "offset", WRITE_OFFSET);
        field(m, "fuse_write_in", "size", WRITE_SIZE);
        size(m, "fuse_write_in", WRITE_IN);
        field(m, "fuse_write_out", "size", WRITE_OUT_SIZE);
        size(m, "fuse_write_out", WRITE_OUT);
        field(m, "fuse_release_in", "fh", RELEASE_FH);
        field(m, "fuse_kstatfs", "bsize", STATFS_BSIZE);
        field(m, "fuse_kstatfs", "namelen", STATFS_NAMELEN);
        field(m, "fuse_kstatfs", "frsize", STATFS_FRSIZE);
        size(m, "fuse_statfs_out", STATFS_OUT);
        field(m, "fuse_interrupt_in", "unique", INTERRUPT_UNIQUE);
        field(m, "fuse_poll_in", "fh", POLL_FH);
        field(m, "fuse_poll_in", "kh", POLL_KH);
        field(m, "fuse_poll_in", "flags", POLL_FLAGS);
        field(m, "fuse_poll_out", "revents", POLL_OUT_REVENTS);
        size(m, "fuse_poll_out", POLL_OUT);
        field(m, "fuse_ioctl_in", "fh", IOCTL_FH);
        field(m, "fuse_ioctl_in", "flags", IOCTL_FLAGS);
        field(m, "fuse_ioctl_in", "cmd", IOCTL_CMD);
        field(m, "fuse_ioctl_in", "arg", IOCTL_ARG);
        field(m, "fuse_ioctl_in", "in_size", IOCTL_IN_SIZE);
        field(m, "fuse_ioctl_in", "out_size", IOCTL_OUT_SIZE);
        size(m, "fuse_ioctl_in", IOCTL_IN);
        field(m, "fuse_ioctl_out", "result", IOCTL_OUT_RESULT);
        field(m, "fuse_ioctl_out", "flags", IOCTL_OUT_FLAGS);
        field(m, "fuse_ioctl_out", "in_iovs", IOCTL_OUT_IN_IOVS);
        field(m, "fuse_ioctl_out", "out_iovs", IOCTL_OUT_OUT_IOVS);
        size(m, "fuse_ioctl_out", IOCTL_OUT);
        field(m, "fuse_lseek_in", "fh", LSEEK_FH);
        field(m, "fuse_lseek_in", "offset", LSEEK_OFFSET);
        field(m, "fuse_lseek_in", "whence", LSEEK_WHENCE);
        size(m, "fuse_lseek_in", LSEEK_IN);
        field(m, "fuse_lseek_out", "offset", LSEEK_OUT_OFFSET);
        size(m, "fuse_lseek_out", LSEEK_OUT);
        field(m, "fuse_dirent", "ino", DIRENT_INO);
        field(m, "fuse_dirent", "off", DIRENT_OFF);
        field(m, "fuse_dirent", "namelen", DIRENT_NAMELEN);
        field(m, "fuse_dirent", "type", DIRENT_TYPE);
        field(m, "fuse_dirent", "name", DIRENT_NAME);
        field(m, "fuse_notify_poll_wakeup_out", "kh", POLL_WAKEUP_KH);
        size(m, "fuse_notify_poll_wakeup_out", POLL_WAKEUP_OUT);
        field(m, "fuse_notify_inval_inode_out", "ino", INVAL_INODE_INO);
        field(m, "fuse_notify_inval_inode_out", "off", INVAL_INODE_OFF);
        field(m, "fuse_notify_inval_inode_out", "len", INVAL_INODE_LEN);
        size(m, "fuse_notify_inval_inode_out", INVAL_INODE_OUT);
        field(m, "fuse_notify_inval_entry_out", "parent", INVAL_ENTRY_PARENT);
        field(m, "fuse_notify_inval_entry_out", "namelen", INVAL_ENTRY_NAMELEN);
        size(m, "fuse_notify_inval_entry_out", INVAL_ENTRY_OUT);
        return m;
    }

    private static void field(Map<String, Long> m, String struct, String field, int offset) {
        m.put("offsetof(struct " + struct + ", " + field + ")", (long) offset);
    }

    private static void size(Map<String, Long> m, String struct, int size) {
        m.put("sizeof(struct " + struct + ")", (long) size);
    }
}
