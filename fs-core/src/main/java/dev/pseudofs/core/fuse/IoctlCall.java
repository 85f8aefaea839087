package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.IoctlArg;
import dev.pseudofs.core.OpenFile;
import java.nio.ByteBuffer;

/**
 * Answers FUSE_IOCTL in its restricted form (fs/fuse/ioctl.c without FUSE_IOCTL_UNRESTRICTED):
 * the kernel has already sized the argument from the command ({@code _IOC_SIZE} bytes in for
 * {@code _IOW}/{@code _IOWR}, room for as many out for {@code _IOR}/{@code _IOWR}), so one
 * request carries the caller's bytes and one reply carries the result and the bytes back. We
 * never ask for a retry with other iovecs.
 *
 * <p>Directories have no ioctl in any of the kernel's pseudo file systems: ENOTTY (the kernel's
 * FUSE client sends theirs with FUSE_IOCTL_DIR). The kernel turns ENOSYS into ENOTTY itself, so
 * ENOTTY is also what a file gets from a server that knows no ioctl.
 */
final class IoctlCall {
    private IoctlCall() {}

    /** Returns whether the request is an ioctl on a directory. */
    static boolean onDirectory(Request r) {
        return (r.arg32(Wire.IOCTL_FLAGS) & Wire.IOCTL_DIR) != 0;
    }

    /** Returns the open file handle the request names (0 in FUSE's no-open mode). */
    static long fh(Request r) {
        return r.arg64(Wire.IOCTL_FH);
    }

    /**
     * Runs the request's command on {@code of} and encodes fuse_ioctl_out and the caller's
     * bytes at {@link Wire#OUT_HEADER} of {@code out}.
     *
     * @return the payload's size
     * @throws FsException the command's errno (ENOTTY when the file has no such command)
     */
    static int answer(Request r, OpenFile of, ByteBuffer out) {
        if ((r.arg32(Wire.IOCTL_FLAGS) & Wire.IOCTL_UNRESTRICTED) != 0) {
            throw new FsException(Errno.ENOTTY, "unrestricted ioctl"); // only CUSE asks for it
        }
        int cmd = r.arg32(Wire.IOCTL_CMD);
        int outSize = r.arg32(Wire.IOCTL_OUT_SIZE);
        IoctlArg arg = IoctlArg.of(cmd, r.arg64(Wire.IOCTL_ARG), r.bytes(Wire.IOCTL_IN, r.arg32(Wire.IOCTL_IN_SIZE)));
        int result = of.ioctl(cmd, arg);
        byte[] back = arg.answer();
        if (back.length > outSize) {
            throw FsException.io("ioctl answer of " + back.length + " bytes for " + outSize);
        }
        out.putInt(Wire.OUT_HEADER + Wire.IOCTL_OUT_RESULT, result);
        out.putInt(Wire.OUT_HEADER + Wire.IOCTL_OUT_FLAGS, 0);
        out.putInt(Wire.OUT_HEADER + Wire.IOCTL_OUT_IN_IOVS, 0);
        out.putInt(Wire.OUT_HEADER + Wire.IOCTL_OUT_OUT_IOVS, 0);
        out.put(Wire.OUT_HEADER + Wire.IOCTL_OUT, back);
        return Wire.IOCTL_OUT + back.length;
    }
}
