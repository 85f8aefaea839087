package dev.pseudofs.procfs;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.Policy;

/** Holds the {@link Policy} values of procfs, /proc/sys and /proc/PID, derived from kernfs's. */
final class ProcPolicies {
    private ProcPolicies() {}

    /**
     * Generic proc entries (fs/proc/generic.c, inode.c): no extra open check (P6), EIO after
     * removal (P8), blksize 1024 (P4), symlink size = target length (P3), readdir by length then
     * name (P11), new names ENOENT and unlink/rmdir/rename EPERM (P9), no write clamp, no
     * poll method: DEFAULT_POLLMASK, also after removal (proc_reg_poll, P8).
     */
    static final Policy PROC = Policy.kernfs().toBuilder()
            .openCheck(Policy.OpenCheck.NONE)
            .removedErrno(Errno.EIO)
            .xattrs(false)                 // no xattr handlers in proc (K15 observed: EOPNOTSUPP)
            .blockSize(1024)
            .linkSizeIsTargetLength(true)
            .order(Policy.DirOrder.LENGTH_THEN_NAME)
            .writeLimit(Policy.WriteLimit.NONE)
            .mkdirError(Errno.ENOENT)
            .createError(Errno.ENOENT)
            .removeError(Errno.EPERM)
            .renameError(Errno.EPERM)
            .renameFlagsError(null) // no rename inode operation: the VFS answers as for rename
            .symlinkError(Errno.ENOENT)
            .mknodError(Errno.ENOENT)
            .linkError(Errno.ENOENT)
            .newNameError(Errno.ENOENT)
            .poll(Policy.Poll.DEFAULT_MASK)
            .build();

    /**
     * /proc/sys (fs/proc/proc_sysctl.c): test_perm at open (C3), chmod/chown EPERM and
     * unlink/rmdir/rename EACCES (C4: the 0555 directory is not writable, root included), nlink 1 for directories (C1), name order (C2); an open file of
     * an unregistered table answers ENOENT (proc_sys_call_handler: sysctl_head_grab fails) and
     * polls POLLERR|POLLHUP (proc_sys_poll, C7).
     */
    static final Policy SYSCTL = PROC.toBuilder()
            .openCheck(Policy.OpenCheck.SYSCTL)
            .removedErrno(Errno.ENOENT)
            .chmodError(Errno.EPERM)
            .chownError(Errno.EPERM)
            .removeError(Errno.EACCES)
            .renameError(Errno.EACCES)
            .nlinkCountsSubdirs(false)
            .poll(Policy.Poll.SYSCTL)
            .order(Policy.DirOrder.NAME)
            .build();

    /** /proc/PID (fs/proc/base.c proc_setattr): chmod refused with EPERM, chown allowed (P10). */
    static final Policy PID = PROC.toBuilder().chmodError(Errno.EPERM).build();

    /** The /proc/PID directory itself refuses chmod and chown alike (observed: EPERM, P10). */
    static final Policy PID_DIR = PROC.toBuilder().chmodError(Errno.EPERM).chownError(Errno.EPERM).build();
}
