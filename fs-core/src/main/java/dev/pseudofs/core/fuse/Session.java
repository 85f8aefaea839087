package dev.pseudofs.core.fuse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Is one mounted file system's connection to the kernel: the {@code /dev/fuse} descriptor that
 * libfuse's {@code fuse_mount} opened (libfuse mounts and unmounts, through its setuid
 * {@code fusermount} where needed; nothing else of libfuse runs), read and written here with
 * read(2) and writev(2) by the threads of a {@link RequestLoop}, and the notices sent to the
 * kernel, none of which may outlive the descriptor.
 *
 * <p>The descriptor is non-blocking: a worker may ask for a request without sleeping
 * ({@link #tryReceive}, what its spin after an answer does), and sleeps in poll(2) otherwise
 * ({@link #receive}).
 */
final class Session {
    private static final int EINTR = 4;
    private static final int ENOENT = 2;
    private static final int EAGAIN = 11;
    private static final int ENODEV = 19;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 04000;
    private static final short POLLIN = 1;
    /**
     * The most pages of data one request carries: what INIT asks for with FUSE_MAX_PAGES (the
     * kernel clamps it to its {@code fs.fuse.max_pages_limit}, 256 by default); kernels without
     * that flag send 32.
     */
    static final int MAX_PAGES = 256;
    /** The largest payload of a READ or WRITE: {@link #MAX_PAGES} pages (1 MiB). */
    static final int MAX_IO = MAX_PAGES * 4096;
    /** A request buffer: the largest WRITE plus its headers (the kernel refuses smaller reads). */
    static final int BUF_SIZE = MAX_IO + 4096;

    private final LibFuse fuse;
    private final LibC libc;
    private final Runtime runtime;
    private final String mountPoint;
    private final Pointer channel;
    private final int fd;
    private final boolean single;
    // Notifications take the read side, destroy the write side: no notice after the channel is gone.
    private final ReadWriteLock alive = new ReentrantReadWriteLock();
    private boolean destroyed;
    private volatile boolean exited;
    private volatile RequestLoop loop;

    private Session(LibFuse fuse, LibC libc, Runtime runtime, String mountPoint, Pointer channel, boolean single) {
        this.fuse = fuse;
        this.libc = libc;
        this.runtime = runtime;
        this.mountPoint = mountPoint;
        this.channel = channel;
        this.single = single;
        this.fd = fuse.fuse_chan_fd(channel);
        int flags = libc.fcntl(fd, F_GETFL, 0);
        if (flags < 0 || libc.fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
            throw new IllegalStateException("cannot make /dev/fuse non-blocking: errno " + runtime.getLastError());
        }
    }

    /**
     * Mounts {@code mountPoint} with libfuse's mount options {@code args}; returns null when
     * libfuse refused (it says why on stderr).
     */
    static Session open(LibFuse fuse, LibC libc, Runtime runtime, String mountPoint, List<String> args,
                        boolean single) {
        List<Pointer> memory = new ArrayList<>(); // referenced until libfuse has copied the options
        Pointer fuseArgs = fuseArgs(runtime, args, memory);
        Pointer ch = fuse.fuse_mount(mountPoint, fuseArgs);
        fuse.fuse_opt_free_args(fuseArgs);
        memory.clear();
        if (ch == null || ch.address() == 0) {
            return null;
        }
        return new Session(fuse, libc, runtime, mountPoint, ch, single);
    }

    // struct fuse_args { int argc; char **argv; int allocated; }, argv[0] the program name.
    private static Pointer fuseArgs(Runtime runtime, List<String> args, List<Pointer> memory) {
        List<String> all = new ArrayList<>();
        all.add("pseudofs");
        all.addAll(args);
        Pointer argv = runtime.getMemoryManager().allocateDirect(8L * (all.size() + 1), true);
        for (int i = 0; i < all.size(); i++) {
            byte[] b = all.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer s = runtime.getMemoryManager().allocateDirect(b.length + 1, true);
            s.put(0, b, 0, b.length);
            argv.putPointer(8L * i, s);
            memory.add(s);
        }
        memory.add(argv);
        Pointer fa = runtime.getMemoryManager().allocateDirect(24, true);
        fa.putInt(0, all.size());
        fa.putPointer(8, argv);
        memory.add(fa);
        return fa;
    }

    /**
     * Serves requests on this thread and helpers until the file system is unmounted: each one
     * goes to {@code dispatcher}; a worker spins {@code spinNanos} after each answer.
     */
    void serve(FuseBridge dispatcher, long spinNanos) {
        RequestLoop l = new RequestLoop(this, single, spinNanos, dispatcher);
        loop = l;
        l.run();
    }

    /** Returns how long no request has been in hand; 0 while one is, or before serving. */
    long idleNanos() {
        RequestLoop l = loop;
        return l == null ? 0 : l.idleNanos();
    }

    /** Writes one message ({@code iov}: {@code count} struct iovec) to the kernel; 0 or -errno. */
    int send(long iov, int count) {
        if (libc.writevChecked(fd, iov, count) < 0) {
            return -runtime.getLastError();
        }
        return 0;
    }

    /**
     * Writes one reply ({@code iov}: {@code count} struct iovec) to the kernel; 0, or -1 when the
     * kernel refused it (the request was interrupted meanwhile), without saying why.
     */
    int reply(long iov, int count) {
        return libc.writev(fd, iov, count) < 0 ? -1 : 0;
    }

    /** Returns the native address of a direct buffer's first byte. */
    long addressOf(java.nio.ByteBuffer direct) {
        return Pointer.wrap(runtime, direct).address();
    }

    /**
     * Writes the message in {@code msg} (header included, from 0 to its limit) as a notice, unless
     * the session is gone; 0, -errno, or -1 when gone. Notices are rare: this allocates.
     */
    int notify(java.nio.ByteBuffer msg) {
        java.nio.ByteBuffer iov = java.nio.ByteBuffer.allocateDirect(16).order(Wire.ORDER);
        iov.putLong(0, addressOf(msg));
        iov.putLong(8, msg.limit());
        alive.readLock().lock();
        try {
            return destroyed ? -1 : send(addressOf(iov), 1);
        } finally {
            alive.readLock().unlock();
        }
    }

    /**
     * Reads one request into the {@link #BUF_SIZE} bytes at {@code buf} if one is waiting: its
     * length, or -1 when none is (or the read failed: {@link #receive} says why).
     */
    int tryReceive(long buf) {
        return (int) libc.read(fd, buf, BUF_SIZE);
    }

    /**
     * Waits for one request and reads it into the {@link #BUF_SIZE} bytes at {@code buf}: its
     * length, 0 once unmounted, -EINTR to try again (a signal, or another worker took the
     * request), or another -errno.
     *
     * @param pollfd 8 bytes of native memory for the struct pollfd, the worker's own
     */
    int receive(long buf, Pointer pollfd) {
        pollfd.putInt(0, fd);
        pollfd.putShort(4, POLLIN);
        pollfd.putShort(6, (short) 0);
        libc.poll(pollfd.address(), 1, -1); // POLLERR once unmounted: the read says ENODEV
        long n = libc.readChecked(fd, buf, BUF_SIZE);
        if (n >= 0) {
            return (int) n;
        }
        int err = runtime.getLastError();
        if (err == ENODEV) {
            return 0;
        }
        // ENOENT: the request was interrupted before we read it
        return err == EINTR || err == EAGAIN || err == ENOENT ? -EINTR : -err;
    }

    /** Returns 8 bytes of native memory for a worker's struct pollfd. */
    Pointer newPollFd() {
        return runtime.getMemoryManager().allocateDirect(8, true);
    }

    /** Returns whether the session was told to end. */
    boolean exited() {
        return exited;
    }

    /** Tells the session to end. */
    void exit() {
        exited = true;
    }

    /** Returns the mount point, for messages. */
    String mountPoint() {
        return mountPoint;
    }

    /** Closes the descriptor, unmounting if the kernel still has the mount. */
    void destroy() {
        alive.writeLock().lock();
        try {
            if (destroyed) {
                return;
            }
            destroyed = true;
            fuse.fuse_unmount(mountPoint, channel);
        } finally {
            alive.writeLock().unlock();
        }
    }
}
