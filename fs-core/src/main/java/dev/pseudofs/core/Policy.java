package dev.pseudofs.core;

import java.util.Objects;

/**
 * Holds the choices where the kernel's pseudo filesystems differ from plain kernfs.
 *
 * <p>The core implements kernfs's contract ({@link #kernfs()}); a personality starts from it
 * and changes what its kernel code does differently, then passes the result when it creates
 * nodes ({@link #toBuilder()}). Children inherit the policy of the directory they are created in. The rule ids in
 * brackets refer to {@code shared/spec/kernel-semantics.md}.
 *
 * @param openCheck the open-time permission check beyond the kernel's own DAC check (T6)
 * @param refresh when a show/store file runs {@code show} again (K19, G7, S13)
 * @param writeLimit how many bytes one {@code store} call may receive (T5)
 * @param showOverflow what a {@code show} that fills the whole page turns into (S10, G7)
 * @param removedErrno the errno of read/write on an open file whose node was removed (T9)
 * @param chmodError the errno of chmod, or {@code null} when chmod is allowed (K13, C4)
 * @param chownError the errno of chown, or {@code null} when chown is allowed (K13, C4)
 * @param mkdirError the errno of mkdir of a new name where no {@link DirOps} says otherwise
 * @param createError the errno of {@code open(O_CREAT)} of a new name (K9, P9)
 * @param removeError the errno of unlink/rmdir where no {@link DirOps} says otherwise
 * @param renameError the errno of rename (K8)
 * @param renameFlagsError the errno of renameat2 with RENAME_NOREPLACE or RENAME_EXCHANGE where
 *        the file system's rename refuses flags (kernfs: EINVAL, K8), or {@code null} for
 *        {@code renameError}
 * @param symlinkError the errno of symlink of a new name (K9, P9)
 * @param mknodError the errno of mknod of a new name (K9, P9)
 * @param linkError the errno of link to a new name (K9, P9)
 * @param newNameError the errno of every operation that names a new entry (mkdir, O_CREAT,
 *        symlink, mknod, link, the destination of rename) where the kernel's lookup of the missing
 *        name fails before the operation runs (procfs P9, C4; empty mount points K10), or
 *        {@code null} where each operation answers its own errno
 * @param poll how poll(2) answers on files without a poll method of their own, and after removal
 * @param linkSizeIsTargetLength whether a symlink's st_size is its target's length (P3) or 0 (K4)
 * @param blockSize the st_blksize reported for every node (K3: 4096, P4: 1024)
 * @param nlinkCountsSubdirs whether a directory's nlink is 2 + subdirectories (K3) or 1 (C1)
 * @param order the order readdir lists children in (K11, C2, P11, G1)
 * @param xattrs whether nodes keep trusted.* and security.* extended attributes as kernfs does
 *        (K15), or every xattr call answers EOPNOTSUPP (proc, debugfs, configfs)
 */
public record Policy(
        OpenCheck openCheck,
        Refresh refresh,
        WriteLimit writeLimit,
        ShowOverflow showOverflow,
        Errno removedErrno,
        Errno chmodError,
        Errno chownError,
        Errno mkdirError,
        Errno createError,
        Errno removeError,
        Errno renameError,
        Errno renameFlagsError,
        Errno symlinkError,
        Errno mknodError,
        Errno linkError,
        Errno newNameError,
        Poll poll,
        boolean linkSizeIsTargetLength,
        int blockSize,
        boolean nlinkCountsSubdirs,
        DirOrder order,
        boolean xattrs) {

    /** Says which open-time permission check runs after the kernel's DAC check. */
    public enum OpenCheck {
        /** No extra check: root may open anything (procfs P6, debugfs D3). */
        NONE,
        /**
         * KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK (K17): writing needs a write bit in the mode and a
         * store, reading a read bit and a show, for root too.
         */
        KERNFS,
        /** sysctl test_perm (C3): root is held to the owner bits, gid 0 to the group bits. */
        SYSCTL
    }

    /** Says when a show/store file runs {@code show} again on one open file. */
    public enum Refresh {
        /** seq_file (K19): at offset 0 and whenever the offset is not where the last read ended. */
        KERNFS,
        /** configfs (G7): on the first read, and on the first read after a write. */
        ONCE,
        /** sysfs prealloc (S13): on every read, then drop the first {@code pos} bytes. */
        EVERY_READ
    }

    /** Says how a write is limited before it reaches {@code store}. */
    public enum WriteLimit {
        /** kernfs (K25): clamp to the page size; the rest is a short write. */
        PAGE,
        /** configfs (G8): clamp to the page size minus one. */
        PAGE_MINUS_ONE,
        /** kernfs atomic_write_len (K25): more than a page fails with E2BIG. */
        PAGE_ATOMIC,
        /** No limit: the store sees every byte FUSE delivered (sysctl does its own, C11). */
        NONE
    }

    /** Says what a {@code show} whose output reaches the page size turns into. */
    public enum ShowOverflow {
        /** sysfs (S10): keep page size minus one bytes and log "returned bad count". */
        TRUNCATE,
        /** configfs (G7): the read fails with EIO. */
        EIO
    }

    /**
     * Says what poll(2) answers: the file system's poll method for files whose operations have
     * none of their own (K33: a {@link RawOps} that implements poll replaces it), and the answer
     * once the node is removed.
     */
    public enum Poll {
        /**
         * kernfs_fop_poll (K30, K31, K33): DEFAULT_POLLMASK, plus POLLERR|POLLPRI after a change
         * the open file has not read; removed: DEFAULT_POLLMASK|POLLERR|POLLPRI (K29).
         */
        KERNFS,
        /**
         * No poll method (vfs_poll answers DEFAULT_POLLMASK): procfs entries through
         * proc_reg_poll, removed or not (P8), and configfs attributes.
         */
        DEFAULT_MASK,
        /**
         * proc_sys_poll: DEFAULT_POLLMASK for a table without a poll hook (C7); POLLERR|POLLHUP
         * once the table is unregistered.
         */
        SYSCTL,
        /**
         * debugfs full_proxy_poll: DEFAULT_POLLMASK when the real fops have no poll, removed or
         * not; with one, POLLHUP once the file is removed (D5).
         */
        DEBUGFS;

        /** Returns the answer of an open file whose node was removed. */
        int removed(boolean ownPoll) {
            return switch (this) {
                case KERNFS -> PollEvents.DEFAULT_MASK | PollEvents.POLLERR | PollEvents.POLLPRI;
                case DEFAULT_MASK -> PollEvents.DEFAULT_MASK;
                case SYSCTL -> PollEvents.POLLERR | PollEvents.POLLHUP;
                case DEBUGFS -> ownPoll ? PollEvents.POLLHUP : PollEvents.DEFAULT_MASK;
            };
        }
    }

    /** Says in which order readdir lists the children of a directory. */
    public enum DirOrder {
        /** Sorted by name, with sequential d_off values (sysctl C2). */
        NAME,
        /** kernfs name hash (K11), with the hash as each entry's d_off. */
        KERNFS_HASH,
        /** In creation order (debugfs D4, roughly the dcache order). */
        CREATION,
        /** Newest first (configfs G1). */
        NEWEST_FIRST,
        /** By name length, then bytes (procfs P11). */
        LENGTH_THEN_NAME
    }

    /** Validates the components. */
    public Policy {
        Objects.requireNonNull(openCheck, "openCheck");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(writeLimit, "writeLimit");
        Objects.requireNonNull(showOverflow, "showOverflow");
        Objects.requireNonNull(removedErrno, "removedErrno");
        Objects.requireNonNull(mkdirError, "mkdirError");
        Objects.requireNonNull(createError, "createError");
        Objects.requireNonNull(removeError, "removeError");
        Objects.requireNonNull(renameError, "renameError");
        Objects.requireNonNull(symlinkError, "symlinkError");
        Objects.requireNonNull(mknodError, "mknodError");
        Objects.requireNonNull(linkError, "linkError");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(order, "order");
        if (blockSize <= 0) {
            throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
        }
    }

    private static final Policy KERNFS = new Builder().build();

    /** Returns the plain kernfs contract, which sysfs uses unchanged (sections 1 and 2). */
    public static Policy kernfs() {
        return KERNFS;
    }

    /** Returns a builder holding this policy's choices. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // One change to an existing policy: withX(v) is toBuilder().x(v).build().

    /** Returns a copy with another open-time check. */
    public Policy withOpenCheck(OpenCheck v) {
        return toBuilder().openCheck(v).build();
    }

    /** Returns a copy with another show refresh rule. */
    public Policy withRefresh(Refresh v) {
        return toBuilder().refresh(v).build();
    }

    /** Returns a copy with another write limit. */
    public Policy withWriteLimit(WriteLimit v) {
        return toBuilder().writeLimit(v).build();
    }

    /** Returns a copy with another answer to an overflowing show. */
    public Policy withShowOverflow(ShowOverflow v) {
        return toBuilder().showOverflow(v).build();
    }

    /** Returns a copy whose open files answer {@code v} after their node is removed. */
    public Policy withRemovedErrno(Errno v) {
        return toBuilder().removedErrno(v).build();
    }

    /** Returns a copy whose operations on a new name all answer {@code v} ({@code null}: their own). */
    public Policy withNewNameError(Errno v) {
        return toBuilder().newNameError(v).build();
    }

    /** Returns a copy whose files poll as {@code v} says. */
    public Policy withPoll(Poll v) {
        return toBuilder().poll(v).build();
    }

    /** Returns a copy that reports symlink sizes as the target length ({@code true}) or 0. */
    public Policy withLinkSizeIsTargetLength(boolean v) {
        return toBuilder().linkSizeIsTargetLength(v).build();
    }

    /** Returns a copy reporting {@code v} as st_blksize. */
    public Policy withBlockSize(int v) {
        return toBuilder().blockSize(v).build();
    }

    /** Returns a copy whose directories count subdirectories in nlink ({@code true}) or say 1. */
    public Policy withNlinkCountsSubdirs(boolean v) {
        return toBuilder().nlinkCountsSubdirs(v).build();
    }

    /** Returns a copy listing directory children in order {@code v}. */
    public Policy withOrder(DirOrder v) {
        return toBuilder().order(v).build();
    }

    /**
     * Builds a {@link Policy} one named choice at a time; starts from kernfs's
     * ({@link Policy#kernfs()}).
     */
    public static final class Builder {
        private OpenCheck openCheck = OpenCheck.KERNFS;
        private Refresh refresh = Refresh.KERNFS;
        private WriteLimit writeLimit = WriteLimit.PAGE;
        private ShowOverflow showOverflow = ShowOverflow.TRUNCATE;
        private Errno removedErrno = Errno.ENODEV;
        private Errno chmodError;
        private Errno chownError;
        private Errno mkdirError = Errno.EPERM;
        private Errno createError = Errno.EACCES;
        private Errno removeError = Errno.EPERM;
        private Errno renameError = Errno.EPERM;
        private Errno renameFlagsError = Errno.EINVAL;
        private Errno symlinkError = Errno.EPERM;
        private Errno mknodError = Errno.EPERM;
        private Errno linkError = Errno.EPERM;
        private Errno newNameError;
        private Poll poll = Poll.KERNFS;
        private boolean linkSizeIsTargetLength;
        private int blockSize = 4096;
        private boolean nlinkCountsSubdirs = true;
        private DirOrder order = DirOrder.KERNFS_HASH;
        private boolean xattrs = true;

        private Builder() {}

        private Builder(Policy p) {
            openCheck = p.openCheck;
            refresh = p.refresh;
            writeLimit = p.writeLimit;
            showOverflow = p.showOverflow;
            removedErrno = p.removedErrno;
            chmodError = p.chmodError;
            chownError = p.chownError;
            mkdirError = p.mkdirError;
            createError = p.createError;
            removeError = p.removeError;
            renameError = p.renameError;
            renameFlagsError = p.renameFlagsError;
            symlinkError = p.symlinkError;
            mknodError = p.mknodError;
            linkError = p.linkError;
            newNameError = p.newNameError;
            poll = p.poll;
            linkSizeIsTargetLength = p.linkSizeIsTargetLength;
            blockSize = p.blockSize;
            nlinkCountsSubdirs = p.nlinkCountsSubdirs;
            order = p.order;
            xattrs = p.xattrs;
        }

        /** The open-time check after the kernel's DAC check (T6). */
        public Builder openCheck(OpenCheck v) {
            openCheck = v;
            return this;
        }

        /** When show runs again (K19, G7). */
        public Builder refresh(Refresh v) {
            refresh = v;
            return this;
        }

        /** How many bytes one store may receive (T5). */
        public Builder writeLimit(WriteLimit v) {
            writeLimit = v;
            return this;
        }

        /** What a show that fills the page turns into (S10, G7). */
        public Builder showOverflow(ShowOverflow v) {
            showOverflow = v;
            return this;
        }

        /** The errno of open files after their node is removed (T9). */
        public Builder removedErrno(Errno v) {
            removedErrno = v;
            return this;
        }

        /** The errno of chmod; {@code null} allows it (K13, C4). */
        public Builder chmodError(Errno v) {
            chmodError = v;
            return this;
        }

        /** The errno of chown; {@code null} allows it (K13, C4). */
        public Builder chownError(Errno v) {
            chownError = v;
            return this;
        }

        /** The errno of mkdir where no DirOps takes it. */
        public Builder mkdirError(Errno v) {
            mkdirError = v;
            return this;
        }

        /** The errno of open(O_CREAT) of a new name (K9, P9). */
        public Builder createError(Errno v) {
            createError = v;
            return this;
        }

        /** The errno of unlink and rmdir where no DirOps takes them. */
        public Builder removeError(Errno v) {
            removeError = v;
            return this;
        }

        /** The errno of rename (K8). */
        public Builder renameError(Errno v) {
            renameError = v;
            return this;
        }

        /** The errno of renameat2 with flags; {@code null}: the rename errno (K8). */
        public Builder renameFlagsError(Errno v) {
            renameFlagsError = v;
            return this;
        }

        /** The errno of symlink of a new name (K9, P9). */
        public Builder symlinkError(Errno v) {
            symlinkError = v;
            return this;
        }

        /** The errno of mknod of a new name (K9, P9). */
        public Builder mknodError(Errno v) {
            mknodError = v;
            return this;
        }

        /** The errno of link to a new name (K9, P9). */
        public Builder linkError(Errno v) {
            linkError = v;
            return this;
        }

        /** The errno of every operation on a new name where the lookup fails first; {@code null}: their own. */
        public Builder newNameError(Errno v) {
            newNameError = v;
            return this;
        }

        /** How poll answers on files without a poll method, and after removal. */
        public Builder poll(Poll v) {
            poll = v;
            return this;
        }

        /** Whether a symlink's st_size is its target's length (P3) or 0 (K4). */
        public Builder linkSizeIsTargetLength(boolean v) {
            linkSizeIsTargetLength = v;
            return this;
        }

        /** The st_blksize of every node (K3, P4). */
        public Builder blockSize(int v) {
            blockSize = v;
            return this;
        }

        /** Whether a directory's nlink counts subdirectories (K3) or is 1 (C1). */
        public Builder nlinkCountsSubdirs(boolean v) {
            nlinkCountsSubdirs = v;
            return this;
        }

        /** The order readdir lists children in (K11, C2, P11, G1). */
        public Builder order(DirOrder v) {
            order = v;
            return this;
        }

        /** Whether nodes keep trusted.* and security.* xattrs (K15) or refuse every xattr call. */
        public Builder xattrs(boolean v) {
            xattrs = v;
            return this;
        }

        /** Returns the policy. */
        public Policy build() {
            return new Policy(openCheck, refresh, writeLimit, showOverflow, removedErrno, chmodError,
                    chownError, mkdirError, createError, removeError, renameError, renameFlagsError,
                    symlinkError, mknodError, linkError, newNameError, poll, linkSizeIsTargetLength, blockSize,
                    nlinkCountsSubdirs, order, xattrs);
        }
    }
}
