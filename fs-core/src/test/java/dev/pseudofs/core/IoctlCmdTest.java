package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** ioctl command numbers as asm-generic/ioctl.h builds them, and what IoctlArg carries. */
class IoctlCmdTest {
    @Test
    void commandsMatchTheKernelsHeaders() {
        assertEquals(0x80086601, IoctlCmd.ior('f', 1, 8));  // FS_IOC_GETFLAGS on 64-bit
        assertEquals(0x40086602, IoctlCmd.iow('f', 2, 8));  // FS_IOC_SETFLAGS
        assertEquals(0x80081272, IoctlCmd.ior(0x12, 114, 8)); // BLKGETSIZE64
        assertEquals(0x0000125d, IoctlCmd.io(0x12, 93));    // BLKRRPART
        assertEquals(0xc0109428, IoctlCmd.iowr(0x94, 40, 16));
        int cmd = IoctlCmd.iowr('m', 3, 24);
        assertEquals(IoctlCmd.READ | IoctlCmd.WRITE, IoctlCmd.dir(cmd));
        assertEquals(24, IoctlCmd.size(cmd));
        assertEquals('m', IoctlCmd.type(cmd));
        assertEquals(3, IoctlCmd.nr(cmd));
        assertThrows(IllegalArgumentException.class, () -> IoctlCmd.ior('m', 1, 1 << 14));
    }

    @Test
    void anArgumentCarriesTheDirectionsItsCommandDeclares() {
        IoctlArg read = IoctlArg.of(IoctlCmd.ior('m', 1, 4), 0, new byte[0]);
        assertEquals(0, read.answer().length, "nothing goes back unless out() is asked for");
        read.out().putInt(0, 7);
        assertEquals(4, read.answer().length);
        assertEquals(Errno.EFAULT, assertThrows(FsException.class, read::in).errno());

        IoctlArg both = IoctlArg.of(IoctlCmd.iowr('m', 2, 2), 0, new byte[] {1, 2});
        both.out().put(1, (byte) 9);
        assertArrayEquals(new byte[] {1, 9}, both.answer()); // what the file leaves alone stays

        IoctlArg none = IoctlArg.of(IoctlCmd.io('m', 3), 42, new byte[0]);
        assertEquals(42, none.value());
        assertEquals(Errno.EFAULT, assertThrows(FsException.class, none::out).errno());
        assertThrows(IllegalArgumentException.class, () -> IoctlArg.of(IoctlCmd.iow('m', 4, 8), 0, new byte[4]));
    }
}
