package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Caller;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Is one request from {@code /dev/fuse} as a worker holds it: the decoded {@code fuse_in_header}
 * (opcode, unique, node id, the calling process) and the opcode's own struct, read in place from
 * the worker's buffer at {@link Wire#IN_HEADER}. One per worker, reused for every request.
 */
final class Request {
    final ByteBuffer in;
    int length;
    int opcode;
    long unique;
    long nodeId;
    Caller caller = Caller.KERNEL;
    /** Whether the kernel holds the lock of the directory this request is about (see Invalidation). */
    boolean directoryLocked;

    Request(ByteBuffer in) {
        this.in = in;
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
        Caller c = caller;
        if (c.pid() != pid || c.uid() != uid || c.gid() != gid) {
            caller = new Caller(pid, uid, gid);
        }
        directoryLocked = false;
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
