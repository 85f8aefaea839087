package dev.pseudofs.core;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is one open file description: the per-open state of kernfs's {@code kernfs_open_file}.
 *
 * <p>Reads and writes on one open file are serialized by its lock (K22, {@code of->mutex});
 * different open files of the same node run their callbacks concurrently. After the node is
 * removed, read and write fail with the policy's errno (K29, T9) and poll answers as the
 * policy's {@link Policy.Poll} says.
 */
public final class OpenFile {
    private static final Logger log = LoggerFactory.getLogger(OpenFile.class);
    private final File file;     // immutable
    private final int flags;     // immutable: open(2) flags
    private final Caller opener; // immutable
    private final ReentrantLock lock = new ReentrantLock();
    private FileContent content; // set once, before the handle is published
    private volatile int seenEvent; // the node event at the last read; 0 = never read (K31)
    private volatile Object privateData;
    private PollWaiter waiter;   // guarded by this
    private volatile Context context = Context.KERNEL; // the read or write in progress

    private OpenFile(File file, int flags, Caller opener) {
        this.file = file;
        this.flags = flags;
        this.opener = opener;
    }

    /**
     * Opens {@code file}: the policy's open-time check (K17, C3), then the content kind's
     * per-open setup. The kernel's own DAC check has already run.
     */
    static OpenFile open(File file, int flags, Context ctx) {
        if (file.isRemoved()) {
            throw FsException.notFound(file.path());
        }
        Caller caller = ctx.caller();
        checkOpen(file, flags, caller);
        OpenFile of = new OpenFile(file, flags, caller);
        Caller previous = Caller.swap(caller);
        try {
            of.content = file.ops().open(of);
        } finally {
            Caller.restore(previous);
        }
        return of;
    }

    private static void checkOpen(File file, int flags, Caller caller) {
        int acc = flags & Tree.O_ACCMODE;
        boolean write = acc == Tree.O_WRONLY || acc == Tree.O_RDWR;
        boolean read = acc != Tree.O_WRONLY;
        int mode = file.mode();
        switch (file.policy().openCheck()) {
            case NONE -> { }
            case KERNFS -> {
                // kernfs_fop_open with KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK: root included.
                if (write && ((mode & 0222) == 0 || !file.ops().canWrite())) {
                    throw FsException.accessDenied("no write bit or no store: " + file.path());
                }
                if (read && ((mode & 0444) == 0 || !file.ops().canRead())) {
                    throw FsException.accessDenied("no read bit or no show: " + file.path());
                }
            }
            case SYSCTL -> {
                // proc_sys_permission/test_perm: root against the owner bits, gid 0 the group's.
                int bits = caller.uid() == 0 ? mode >> 6 : caller.gid() == 0 ? mode >> 3 : mode;
                int want = (read ? 4 : 0) | (write ? 2 : 0);
                if ((want & ~bits & 7) != 0) {
                    throw FsException.accessDenied("sysctl mode refuses: " + file.path());
                }
            }
        }
    }

    /** Returns the file this open file reads and writes. */
    public File file() {
        return file;
    }

    /** Returns the open(2) flags. */
    public int flags() {
        return flags;
    }

    /** Returns the process that opened the file. */
    public Caller opener() {
        return opener;
    }

    /**
     * Returns the request of the read or write in progress on this open file (K22 lets only one
     * run at a time): a callback that waits asks it whether its caller was interrupted
     * ({@link Context#pause}, {@link Context#interrupted()}). Outside a read or write,
     * {@link Context#KERNEL}.
     */
    public Context context() {
        return context;
    }

    /** Returns the per-open data a content kind or custom operations stored (file->private_data). */
    public Object privateData() {
        return privateData;
    }

    /** Stores per-open data for later calls on this open file. */
    public void setPrivateData(Object data) {
        this.privateData = data;
    }

    /** Returns the tree's page size, the limit of show/store files. */
    public int pageSize() {
        return file.tree().pageSize();
    }

    /** Reads as {@link #read(Context, ByteBuffer, long)} for the program itself. */
    public int read(ByteBuffer dst, long pos) {
        return read(Context.KERNEL, dst, pos);
    }

    /**
     * Reads up to {@code dst.remaining()} bytes at file position {@code pos} into {@code dst}
     * for the request {@code ctx}.
     *
     * @return the number of bytes read; 0 at end of file
     * @throws FsException the content's errno, or the policy's errno after removal
     */
    public int read(Context ctx, ByteBuffer dst, long pos) {
        lock.lock();
        Caller previous = Caller.swap(ctx.caller());
        context = ctx;
        try {
            checkAlive();
            if (!dst.hasRemaining()) {
                return 0; // K21: a zero-byte read returns 0 without calling show
            }
            int n = checked(dst.position(), content.read(this, dst, pos), dst);
            if (!file.ops().fillsReads()) {
                return n;
            }
            return fill(dst, pos, n);
        } finally {
            context = Context.KERNEL;
            Caller.restore(previous);
            lock.unlock();
        }
    }

    // A read that reports more bytes than it put into dst would send the rest of the reply
    // buffer: another file's bytes from an earlier reply. That read fails with EIO instead.
    private int checked(int before, int n, ByteBuffer dst) {
        int written = dst.position() - before;
        if (n >= 0 && n <= written) {
            return n;
        }
        if (!file.readOverstated) {
            file.readOverstated = true;
            log.warn("{}: a read reported {} bytes but wrote {}: answering EIO", file.path(), n, written);
        }
        throw new FsException(Errno.EIO, file.path() + ": read reported " + n + " bytes, wrote " + written);
    }

    // Preconditions: lock held. Keeps reading after a first read of n bytes until dst is full or
    // the content ends; an error after some bytes ends the read there and shows next time (Q8).
    private int fill(ByteBuffer dst, long pos, int n) {
        int total = n;
        while (n > 0 && dst.hasRemaining()) {
            try {
                n = checked(dst.position(), content.read(this, dst, pos + total), dst);
            } catch (FsException e) {
                break;
            }
            total += Math.max(n, 0);
        }
        return total;
    }

    /** Writes as {@link #write(Context, ByteBuffer, long)} for the program itself. */
    public int write(ByteBuffer src, long pos) {
        return write(Context.KERNEL, src, pos);
    }

    /**
     * Writes the bytes of {@code src} at file position {@code pos} for the request {@code ctx}:
     * one write(2), one store.
     *
     * @return the number of bytes consumed (a short write leaves the rest to the caller)
     */
    public int write(Context ctx, ByteBuffer src, long pos) {
        lock.lock();
        Caller previous = Caller.swap(ctx.caller());
        context = ctx;
        try {
            checkAlive();
            if (!src.hasRemaining()) {
                return 0; // S15
            }
            return content.write(this, src, pos);
        } finally {
            context = Context.KERNEL;
            Caller.restore(previous);
            lock.unlock();
        }
    }

    /**
     * Runs the ioctl(2) command {@code cmd} through the file's {@link Ioctl}, without the open
     * file's lock (unlocked_ioctl, proc_ioctl).
     *
     * @return ioctl(2)'s return value
     * @throws FsException ENOTTY when the file has no ioctl hook (vfs_ioctl without
     *         unlocked_ioctl), the policy's errno after removal (D5), or the hook's own
     */
    public int ioctl(int cmd, IoctlArg arg) {
        Ioctl hook = file.ops().ioctl();
        if (hook == null) {
            throw new FsException(Errno.ENOTTY, "no ioctl: " + file.path());
        }
        checkAlive();
        int result = hook.ioctl(this, cmd, arg);
        if (result < 0) { // errors are FsExceptions; a negative return is a bug (the bridge: EIO)
            throw new IllegalStateException(file.path() + ": ioctl 0x" + Integer.toHexString(cmd)
                    + " returned " + result + " (throw FsException for an error)");
        }
        return result;
    }

    /**
     * Answers poll(2): registers {@code w} (when not null) to be woken by the next change, then
     * returns the events (K30, K33).
     */
    public int poll(PollWaiter w) {
        return poll(Context.KERNEL, w);
    }

    /** Answers poll(2) for the request {@code ctx}; see {@link #poll(PollWaiter)}. */
    public int poll(Context ctx, PollWaiter w) {
        if (w != null) {
            PollWaiter old;
            synchronized (this) {
                old = waiter;
                waiter = w;
            }
            if (old != null) {
                old.discard();
            }
            file.addPoller(this); // register before looking, so no change is missed
        }
        if (file.isRemoved()) {
            return file.policy().poll().removed(content.hasPoll());
        }
        Caller previous = Caller.swap(ctx.caller());
        try {
            return content.poll(this);
        } finally {
            Caller.restore(previous);
        }
    }

    /**
     * Returns the file system's answer for a file without a poll method of its own: kernfs's
     * generic poll (K30) or DEFAULT_POLLMASK (procfs, /proc/sys, debugfs, configfs).
     */
    public int defaultPoll() {
        return file.policy().poll() == Policy.Poll.KERNFS ? genericPoll() : PollEvents.DEFAULT_MASK;
    }

    /** Returns kernfs_generic_poll's answer: always ready, plus ERR|PRI after a change (K30, K31). */
    int genericPoll() {
        int mask = PollEvents.DEFAULT_MASK;
        if (seenEvent != file.event()) {
            mask |= PollEvents.POLLERR | PollEvents.POLLPRI;
        }
        return mask;
    }

    /**
     * Records that the current content has been seen: called when show runs (kernfs_seq_show),
     * and by the bridge for a reader whose reads the kernel serves from its page cache, unseen.
     */
    public void markSeen() {
        seenEvent = file.event();
    }

    /** Closes this open file for the program itself; see {@link #release(Context)}. */
    public void release() {
        release(Context.KERNEL);
    }

    /** Closes this open file: the last close of the description (release), for {@code ctx}. */
    public void release(Context ctx) {
        PollWaiter w;
        synchronized (this) {
            w = waiter;
            waiter = null;
        }
        file.dropPoller(this);
        if (w != null) {
            w.discard();
        }
        lock.lock();
        Caller previous = Caller.swap(ctx.caller());
        try {
            content.release(this);
        } finally {
            Caller.restore(previous);
            lock.unlock();
        }
    }

    void wake() {
        PollWaiter w;
        synchronized (this) {
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    private void checkAlive() {
        if (file.isRemoved()) {
            throw new FsException(file.policy().removedErrno(), "removed: " + file.path());
        }
    }
}
