package dev.pseudofs.core;

/**
 * Builds and takes apart ioctl command numbers as {@code <asm-generic/ioctl.h>} does (x86-64 and
 * aarch64): direction (2 bits), argument size (14 bits), type (8 bits) and number (8 bits).
 *
 * <p>{@code _IOR('m', 1, int)} is {@code IoctlCmd.ior('m', 1, 4)}: the caller reads 4 bytes the
 * file writes. {@code _IOW} passes bytes to the file, {@code _IOWR} both ways, {@code _IO} none.
 */
public final class IoctlCmd {
    /** _IOC_NONE: no data. */
    public static final int NONE = 0;
    /** _IOC_WRITE: user space writes the argument, the file reads it (copy_from_user). */
    public static final int WRITE = 1;
    /** _IOC_READ: the file writes the argument, user space reads it (copy_to_user). */
    public static final int READ = 2;

    private static final int NR_SHIFT = 0;
    private static final int TYPE_SHIFT = 8;
    private static final int SIZE_SHIFT = 16;
    private static final int DIR_SHIFT = 30;
    private static final int SIZE_MAX = (1 << 14) - 1;

    private IoctlCmd() {}

    /** Returns {@code _IOC(dir, type, nr, size)}. */
    public static int ioc(int dir, int type, int nr, int size) {
        if ((dir & ~3) != 0 || (type & ~0xff) != 0 || (nr & ~0xff) != 0 || size < 0 || size > SIZE_MAX) {
            throw new IllegalArgumentException("not an ioctl command: dir " + dir + " type " + type
                    + " nr " + nr + " size " + size);
        }
        return dir << DIR_SHIFT | size << SIZE_SHIFT | type << TYPE_SHIFT | nr << NR_SHIFT;
    }

    /** Returns {@code _IO(type, nr)}: a command without data. */
    public static int io(int type, int nr) {
        return ioc(NONE, type, nr, 0);
    }

    /** Returns {@code _IOR(type, nr, size)}: the file answers {@code size} bytes. */
    public static int ior(int type, int nr, int size) {
        return ioc(READ, type, nr, size);
    }

    /** Returns {@code _IOW(type, nr, size)}: the caller passes {@code size} bytes. */
    public static int iow(int type, int nr, int size) {
        return ioc(WRITE, type, nr, size);
    }

    /** Returns {@code _IOWR(type, nr, size)}: {@code size} bytes in, the same bytes out. */
    public static int iowr(int type, int nr, int size) {
        return ioc(READ | WRITE, type, nr, size);
    }

    /** Returns {@code _IOC_DIR(cmd)}: {@link #NONE}, or {@link #READ} and/or {@link #WRITE}. */
    public static int dir(int cmd) {
        return cmd >>> DIR_SHIFT;
    }

    /** Returns {@code _IOC_SIZE(cmd)}: the argument's size in bytes. */
    public static int size(int cmd) {
        return cmd >>> SIZE_SHIFT & SIZE_MAX;
    }

    /** Returns {@code _IOC_TYPE(cmd)}: the driver's letter. */
    public static int type(int cmd) {
        return cmd >>> TYPE_SHIFT & 0xff;
    }

    /** Returns {@code _IOC_NR(cmd)}: the command's number within its type. */
    public static int nr(int cmd) {
        return cmd >>> NR_SHIFT & 0xff;
    }
}
