package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Owner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Is one mounted libfuse 2 low-level session: the channel to {@code /dev/fuse}, reading and
 * answering requests (by the threads of a {@link RequestLoop}), and the notices sent to the
 * kernel, none of which may outlive the session.
 */
final class Session {

    private final LibFuse fuse;
    private final Runtime runtime;
    private final String mountPoint;
    private final Pointer channel;
    private final Pointer session;
    private final long bufSize;
    private final boolean single;
    // Notifications take the read side, destroy the write side: no notice after the channel is gone.
    private final ReadWriteLock alive = new ReentrantReadWriteLock();
    private boolean destroyed;
    private volatile RequestLoop loop;

    private Session(LibFuse fuse, Runtime runtime, String mountPoint, Pointer channel, Pointer session,
                    boolean single) {
        this.fuse = fuse;
        this.runtime = runtime;
        this.mountPoint = mountPoint;
        this.channel = channel;
        this.session = session;
        this.single = single;
        this.bufSize = fuse.fuse_chan_bufsize(channel);
    }

    /**
     * Mounts {@code mountPoint} with libfuse's mount options {@code args} and creates a session
     * answering with {@code ops}; returns null when libfuse refused (it says why on stderr).
     */
    static Session open(LibFuse fuse, Runtime runtime, String mountPoint, List<String> args,
                        Pointer ops, boolean single) {
        List<Pointer> memory = new ArrayList<>(); // referenced until libfuse has copied the options
        Pointer fuseArgs = fuseArgs(runtime, args, memory);
        Pointer ch = fuse.fuse_mount(mountPoint, fuseArgs);
        if (ch == null || ch.address() == 0) {
            return null;
        }
        Pointer se = fuse.fuse_lowlevel_new(fuseArgs, ops, (long) Layout.OPS_COUNT * 8, null);
        fuse.fuse_opt_free_args(fuseArgs);
        memory.clear();
        if (se == null || se.address() == 0) {
            fuse.fuse_unmount(mountPoint, ch);
            return null;
        }
        fuse.fuse_session_add_chan(se, ch);
        return new Session(fuse, runtime, mountPoint, ch, se, single);
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
     * Serves requests on this thread and helpers until the file system is unmounted; requests
     * {@code direct} answers (true) skip libfuse; each runs as {@code ownerOf} its node id.
     */
    void serve(java.util.function.Predicate<Pointer> direct, java.util.function.LongFunction<Owner> ownerOf) {
        RequestLoop l = new RequestLoop(this, single, direct, ownerOf);
        loop = l;
        l.run();
    }

    /** Returns how long no request has been in hand; 0 while one is, or before serving. */
    long idleNanos() {
        RequestLoop l = loop;
        return l == null ? 0 : l.idleNanos();
    }

    /** Writes one reply ({@code iov}: one struct iovec) to the kernel; 0 or -errno. */
    int send(Pointer iov) {
        return fuse.fuse_chan_send(channel, iov, 1);
    }

    /** Returns the size a request buffer needs. */
    long bufSize() {
        return bufSize;
    }

    /** Allocates native memory that lives as long as the returned pointer. */
    Pointer allocate(long size) {
        return runtime.getMemoryManager().allocateDirect(size, true);
    }

    /** Reads one request into {@code buf}: its length, 0 once unmounted, or -errno. */
    int receive(Pointer buf, Pointer chp) {
        chp.putPointer(0, channel);
        return fuse.fuse_chan_recv(chp, buf, bufSize);
    }

    /** Answers the request in {@code buf} (the callbacks run on this thread). */
    void process(Pointer buf, int len, Pointer chp) {
        fuse.fuse_session_process(session, buf, len, chp.getPointer(0));
    }

    /** Returns whether the session was told to end. */
    boolean exited() {
        return fuse.fuse_session_exited(session) != 0;
    }

    /** Tells the session to end. */
    void exit() {
        fuse.fuse_session_exit(session);
    }

    /** Returns the mount point, for messages. */
    String mountPoint() {
        return mountPoint;
    }

    /** Runs {@code notice} with the channel, unless the session is gone; returns its result or -1. */
    int notify(java.util.function.ToIntFunction<Pointer> notice) {
        alive.readLock().lock();
        try {
            return destroyed ? -1 : notice.applyAsInt(channel);
        } finally {
            alive.readLock().unlock();
        }
    }

    /** Frees the session and closes the channel (unmounting if the kernel still has the mount). */
    void destroy() {
        alive.writeLock().lock();
        try {
            if (destroyed) {
                return;
            }
            destroyed = true;
            fuse.fuse_session_remove_chan(channel);
            fuse.fuse_session_destroy(session);
            fuse.fuse_unmount(mountPoint, channel);
        } finally {
            alive.writeLock().unlock();
        }
    }
}
