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
    static final Policy PROC = Policy.kernfs()
            .withOpenCheck(Policy.OpenCheck.NONE)
            .withRemovedErrno(Errno.EIO)
            .withBlockSize(1024)
            .withLinkSizeIsTargetLength(true)
            .withOrder(Policy.DirOrder.LENGTH_THEN_NAME)
            .withWriteLimit(Policy.WriteLimit.NONE)
            .withNamespaceErrors(Errno.ENOENT, Errno.ENOENT, Errno.EPERM, Errno.EPERM, Errno.ENOENT)
            .withNewNameError(Errno.ENOENT)
            .withPoll(Policy.Poll.DEFAULT_MASK);

    /**
     * /proc/sys (fs/proc/proc_sysctl.c): test_perm at open (C3), chmod/chown EPERM and
     * unlink/rmdir/rename EACCES (C4: the 0555 directory is not writable, root included), nlink 1 for directories (C1), name order (C2); an open file of
     * an unregistered table answers ENOENT (proc_sys_call_handler: sysctl_head_grab fails) and
     * polls POLLERR|POLLHUP (proc_sys_poll, C7).
     */
    static final Policy SYSCTL = PROC
            .withOpenCheck(Policy.OpenCheck.SYSCTL)
            .withRemovedErrno(Errno.ENOENT)
            .withSetattrErrors(Errno.EPERM, Errno.EPERM)
            .withNamespaceErrors(Errno.ENOENT, Errno.ENOENT, Errno.EACCES, Errno.EACCES, Errno.ENOENT)
            .withNlinkCountsSubdirs(false)
            .withPoll(Policy.Poll.SYSCTL)
            .withOrder(Policy.DirOrder.NAME);

    /** /proc/PID (fs/proc/base.c proc_setattr): chmod refused with EPERM, chown allowed (P10). */
    static final Policy PID = PROC.withSetattrErrors(Errno.EPERM, null);

    /** The /proc/PID directory itself refuses chmod and chown alike (observed: EPERM, P10). */
    static final Policy PID_DIR = PROC.withSetattrErrors(Errno.EPERM, Errno.EPERM);
}
