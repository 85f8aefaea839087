package dev.pseudofs.core;

/**
 * Answers ioctl(2) commands on an open file: the kernel's {@code unlocked_ioctl} (debugfs and
 * driver fops) or {@code proc_ioctl} (proc_ops). Attach one with {@link FileOps#withIoctl}.
 *
 * <p>Through FUSE only commands that declare their argument's direction and size can carry data
 * ({@code _IOR}, {@code _IOW}, {@code _IOWR}, see {@link IoctlCmd}): the kernel copies the
 * {@code _IOC_SIZE} bytes in and out for us. An {@code _IO} command gets the argument's value.
 * The hook runs without the open file's lock, as unlocked_ioctl does; it may run concurrently
 * with reads, writes and other ioctls of the same file.
 */
@FunctionalInterface
public interface Ioctl {
    /**
     * Runs {@code cmd}: reads the caller's struct from {@link IoctlArg#in()} (copy_from_user)
     * and writes the answer into {@link IoctlArg#out()} (copy_to_user).
     *
     * @return ioctl(2)'s return value, zero or positive
     * @throws FsException ENOTTY for a command this file does not know (what the kernel's
     *         drivers return, as -ENOIOCTLCMD), or the command's own errno
     */
    int ioctl(OpenFile file, int cmd, IoctlArg arg);
}
