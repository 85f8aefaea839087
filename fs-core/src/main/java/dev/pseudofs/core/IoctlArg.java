package dev.pseudofs.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Is the argument of one ioctl(2) call as FUSE's restricted ioctl carries it: the caller's
 * bytes of an {@code _IOW}/{@code _IOWR} command, room for the answer of an {@code _IOR}/
 * {@code _IOWR} command, and the argument's value for an {@code _IO} command.
 *
 * <p>Buffers are in the CPU's byte order, as the caller's C struct. Only what {@link #out()}
 * was asked for goes back to the caller, all {@code _IOC_SIZE} bytes of it: a file that never
 * calls it leaves the caller's memory alone, as a driver that never calls copy_to_user.
 */
public final class IoctlArg {
    private final int cmd;       // immutable
    private final long value;    // immutable
    private final byte[] in;     // immutable: what the caller passed, _IOC_SIZE bytes or none
    private ByteBuffer out;      // created by out(), for the calling thread only

    private IoctlArg(int cmd, long value, byte[] in) {
        this.cmd = cmd;
        this.value = value;
        this.in = in;
    }

    /**
     * Returns the argument of {@code cmd} with the caller's {@code value} (the pointer or number
     * passed to ioctl(2)) and the bytes it passed ({@code _IOC_SIZE(cmd)} of them for a command
     * with {@link IoctlCmd#WRITE}, else none).
     */
    public static IoctlArg of(int cmd, long value, byte[] in) {
        int want = (IoctlCmd.dir(cmd) & IoctlCmd.WRITE) != 0 ? IoctlCmd.size(cmd) : 0;
        if (in.length != want) {
            throw new IllegalArgumentException("command 0x" + Integer.toHexString(cmd) + " carries "
                    + want + " bytes in, not " + in.length);
        }
        return new IoctlArg(cmd, value, in.clone());
    }

    /** Returns the value passed as ioctl(2)'s third argument (for {@code _IO} commands). */
    public long value() {
        return value;
    }

    /**
     * Returns the caller's bytes, read-only (copy_from_user).
     *
     * @throws FsException EFAULT when the command passes no data in (not {@code _IOW}/{@code _IOWR})
     */
    public ByteBuffer in() {
        if ((IoctlCmd.dir(cmd) & IoctlCmd.WRITE) == 0) {
            throw new FsException(Errno.EFAULT, "ioctl 0x" + Integer.toHexString(cmd) + " passes no data in");
        }
        return ByteBuffer.wrap(in).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /**
     * Returns the buffer whose {@code _IOC_SIZE} bytes go back to the caller (copy_to_user),
     * the same buffer on every call: zeros for {@code _IOR}, the caller's bytes for {@code _IOWR}.
     *
     * @throws FsException EFAULT when the command takes no data out (not {@code _IOR}/{@code _IOWR})
     */
    public ByteBuffer out() {
        if ((IoctlCmd.dir(cmd) & IoctlCmd.READ) == 0) {
            throw new FsException(Errno.EFAULT, "ioctl 0x" + Integer.toHexString(cmd) + " takes no data out");
        }
        if (out == null) {
            out = ByteBuffer.allocate(IoctlCmd.size(cmd)).order(ByteOrder.nativeOrder());
            out.put(0, in); // _IOWR: what the file leaves alone stays the caller's
        }
        return out;
    }

    /** Returns the bytes that go back to the caller: none unless {@link #out()} was called. */
    public byte[] answer() {
        return out == null ? new byte[0] : out.array().clone();
    }
}
