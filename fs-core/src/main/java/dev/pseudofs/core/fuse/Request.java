package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Context;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Is one request from {@code /dev/fuse} as a worker holds it: the decoded {@code fuse_in_header}
 * (opcode, unique, node id, the calling process) and the opcode's own struct, read in place from
 * the worker's buffer at {@link Wire#IN_HEADER}. One per worker, reused for every request.
 *
 * <p>It is also the request's {@link Context} the core's operations receive: the caller, the
 * directories whose lock the kernel holds for it (see {@link Invalidation}), and whether a
 * {@code FUSE_INTERRUPT} named it ({@link #interrupted()}).
 */
final class Request extends Context {
    final ByteBuffer in;
    final Thread thread;
    int length;
    int opcode;
    long unique;
    long nodeId;
    /** The worker's reply buffer, made by the bridge at the worker's first request. */
    FuseBridge.Reply reply;
    private Caller lastUser = Caller.KERNEL; // the last caller other than the kernel's own (pid 0)
    /** The unique of the request in hand, 0 between requests; read by other workers. */
    private volatile long inFlight;
    /** The unique a FUSE_INTERRUPT named while it was in flight. */
    private volatile long interruptedUnique;
    /** Node ids of directories the kernel holds locked for this request; read by other workers. */
    private final long[] locked = new long[4];
    private volatile int lockedCount;

    Request(ByteBuffer in, Thread thread) {
        super(Caller.KERNEL);
        this.in = in;
        this.thread = thread;
    }

    /** Decodes the header of the {@code length} bytes just read. */
    void decode(int length) {
        this.length = length;
        opcode = in.getInt(Wire.IN_OPCODE);
        unique = in.getLong(Wire.IN_UNIQUE);
        nodeId = in.getLong(Wire.IN_NODEID);
        int uid = in.getInt(Wire.IN_UID);
        int gid = in.getInt(Wire.IN_GID);
        int pid = in.getInt(Wire.IN_PID);
        // RELEASE comes without credentials (pid, uid and gid 0) between the OPEN and READ of
        // the same process: keep that process's Caller across it rather than make a new one.
        Caller c;
        if ((pid | uid | gid) == 0) {
            c = Caller.KERNEL;
        } else {
            c = lastUser;
            if (c.pid() != pid || c.uid() != uid || c.gid() != gid) {
                c = new Caller(pid, uid, gid);
                lastUser = c;
            }
        }
        begin(c, thread);
        inFlight = unique;
    }

    /** Ends the request in hand: an interrupt arriving now no longer finds it. */
    void end() {
        inFlight = 0;
        if (lockedCount != 0) { // volatile writes only where something changes
            lockedCount = 0;
        }
    }

    /** Records that the kernel holds directory {@code id}'s lock while it waits for this reply. */
    void lockDirectory(long id) {
        int n = lockedCount;
        if (n < locked.length) {
            locked[n] = id;
            lockedCount = n + 1; // published after the id
        }
        lockParent();
    }

    /** Returns whether this request is in flight and the kernel holds directory {@code id}'s lock for it. */
    boolean holdsDirectory(long id) {
        if (inFlight == 0) {
            return false;
        }
        int n = lockedCount;
        for (int i = 0; i < n; i++) {
            if (locked[i] == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks this request interrupted if {@code target} is the one in hand, and wakes its thread
     * if it waits ({@link Context#pause}); false when it is not (done already, or not yet decoded).
     */
    boolean interrupt(long target) {
        if (inFlight != target) {
            return false;
        }
        interruptedUnique = target;
        wake();
        return inFlight == target; // still the same: the mark is this request's
    }

    @Override
    public boolean interrupted() {
        long u = interruptedUnique;
        return u != 0 && u == inFlight;
    }

    int arg32(int offset) {
        return in.getInt(Wire.IN_HEADER + offset);
    }

    long arg64(int offset) {
        return in.getLong(Wire.IN_HEADER + offset);
    }

    /** Returns the NUL-terminated name at {@code offset} after the header. */
    String name(int offset) {
        int start = Wire.IN_HEADER + offset;
        int end = start;
        while (end < length && in.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        in.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Returns the {@code n} bytes at {@code offset} after the header (EIO past the request's end). */
    byte[] bytes(int offset, int n) {
        int start = Wire.IN_HEADER + offset;
        if (n < 0 || start + n > length) {
            throw dev.pseudofs.core.FsException.io("request too short for " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.get(start, b);
        return b;
    }

    /** Returns the offset after the header just past the NUL of the name at {@code offset}. */
    int after(int offset) {
        int p = Wire.IN_HEADER + offset;
        while (p < length && in.get(p) != 0) {
            p++;
        }
        return p + 1 - Wire.IN_HEADER;
    }
}
