package dev.pseudofs.debugfs;

import static dev.pseudofs.debugfs.MountHelpers.fails;
import static dev.pseudofs.debugfs.MountHelpers.py;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.testing.TestMount;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Drives every typed helper through a real mount with cat, echo, dd and python. */
@Tag("mount")
class TypedHelpersIT {
    private final Debugfs dfs = Debugfs.create();

    @Test
    void lectureExamples() { // D8, D9, D1
        Dir myState = dfs.createDir("my_state", null);
        AtomicInteger systemState = new AtomicInteger(1);
        dfs.createU8("system_state", 0444, myState, systemState);
        Dir sched = dfs.createDir("sched", null);
        AtomicLong granularity = new AtomicLong(4000000);
        dfs.createU64("wakeup_granularity_ns", 0644, sched, granularity);
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("1\n", m.sh("cat my_state/system_state").ok());
            assertEquals("444 0 regular empty file\n",
                    m.sh("stat -c '%a %s %F' my_state/system_state").ok());
            // root passes DAC, but the read-only variant has no set: EACCES (D9)
            fails(m, "/bin/echo 2 > my_state/system_state", "Permission denied");
            assertEquals(1, systemState.get());
            assertEquals("4000000\n", m.sh("cat sched/wakeup_granularity_ns").ok());
            m.sh("echo 3000000 > sched/wakeup_granularity_ns").ok();
            assertEquals("3000000\n", m.sh("cat sched/wakeup_granularity_ns").ok());
            assertEquals(3000000, granularity.get());
            systemState.set(7); // the program keeps using its variable
            assertEquals("7\n", m.sh("cat my_state/system_state").ok());
        }
    }

    @Test
    void everyIntegerKindFormatsAsTheKernel() { // D8
        dfs.createU8("u8", 0644, null, new AtomicInteger(255));
        dfs.createU16("u16", 0644, null, new AtomicInteger(65535));
        dfs.createU32("u32", 0644, null, new AtomicInteger(-1));
        dfs.createU64("u64", 0644, null, new AtomicLong(-1));
        dfs.createUlong("ulong", 0644, null, new AtomicLong(123456789012L));
        dfs.createSizeT("size_t", 0644, null, new AtomicLong(4096));
        dfs.createX8("x8", 0644, null, new AtomicInteger(0xa));
        dfs.createX16("x16", 0644, null, new AtomicInteger(0xbeef));
        dfs.createX32("x32", 0644, null, new AtomicInteger(1));
        dfs.createX64("x64", 0644, null, new AtomicLong(0xdeadbeefL));
        dfs.createAtomicT("atomic_t", 0644, null, new AtomicInteger(-5));
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("255\n65535\n4294967295\n18446744073709551615\n123456789012\n4096\n"
                            + "0x0a\n0xbeef\n0x00000001\n0x00000000deadbeef\n-5\n",
                    m.sh("cat u8 u16 u32 u64 ulong size_t x8 x16 x32 x64 atomic_t").ok());
            // one byte at a time gives the same text (D9: reads continue through the cached text)
            assertEquals("0x00000000deadbeef\n", m.sh("dd if=x64 bs=1 status=none").ok());
        }
    }

    @Test
    void writesParseBaseZeroAndTruncateToTheWidth() { // D9
        AtomicInteger u8 = new AtomicInteger();
        AtomicLong u64 = new AtomicLong();
        AtomicInteger x16 = new AtomicInteger();
        AtomicInteger atomic = new AtomicInteger();
        AtomicInteger u32 = new AtomicInteger(9);
        dfs.createU8("u8", 0644, null, u8);
        dfs.createU64("u64", 0644, null, u64);
        dfs.createX16("x16", 0644, null, x16);
        dfs.createAtomicT("atomic_t", 0644, null, atomic);
        dfs.createU32("u32", 0644, null, u32);
        try (TestMount m = TestMount.of(dfs.tree())) {
            m.sh("echo 300 > u8").ok();
            assertEquals("44\n", m.sh("cat u8").ok());
            m.sh("echo 0x10 > u8").ok();
            assertEquals("16\n", m.sh("cat u8").ok());
            m.sh("echo 010 > u8").ok();
            assertEquals("8\n", m.sh("cat u8").ok());
            m.sh("printf 12 > u8").ok(); // no newline is fine too
            assertEquals(12, u8.get());
            m.sh("echo 70000 > x16").ok();
            assertEquals("0x1170\n", m.sh("cat x16").ok());
            m.sh("echo -7 > atomic_t").ok();
            assertEquals("-7\n", m.sh("cat atomic_t").ok());
            m.sh("echo 4294967297 > atomic_t").ok(); // atomic_set keeps the low 32 bits
            assertEquals("1\n", m.sh("cat atomic_t").ok());
            m.sh("echo 18446744073709551615 > u64").ok();
            assertEquals(-1L, u64.get());

            fails(m, "/bin/echo abc > u32", "Invalid argument");
            fails(m, "/bin/echo -1 > u32", "Invalid argument");
            fails(m, "/bin/echo ' 1' > u32", "Invalid argument");
            fails(m, "/usr/bin/printf '5\\n\\n' > u32", "Invalid argument");
            fails(m, "/bin/echo 0x > u32", "Invalid argument");
            fails(m, "/bin/echo 18446744073709551616 > u64", "Numerical result out of range");
            fails(m, "/bin/echo 9223372036854775808 > atomic_t", "Numerical result out of range");
            assertEquals(9, u32.get()); // a rejected write keeps the old value
            assertEquals(-1L, u64.get());
            // Only the first 23 bytes count, and the write claims its whole count.
            assertEquals("ok 27\n", py(m, "fd = os.open('u32', os.O_WRONLY)\n"
                    + "print(err(os.write, fd, b'00000000000000000000042junk'))"));
            assertEquals(34, u32.get());
        }
    }

    @Test
    void valueFilesAreNotSeekable() { // D9
        dfs.createU32("u32", 0644, null, new AtomicInteger(5));
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("ESPIPE\nESPIPE\nESPIPE\nok b'5\\n'\n", py(m,
                    "fd = os.open('u32', os.O_RDWR)\n"
                    + "print(err(os.lseek, fd, 0, os.SEEK_SET))\n"
                    + "print(err(os.pread, fd, 10, 0))\n"
                    + "print(err(os.pwrite, fd, b'1', 0))\n"
                    + "print(err(os.read, fd, 10))\n"));
        }
    }

    @Test
    void modeChoosesReadOnlyAndWriteOnlyVariants() { // D8, D9
        AtomicInteger wo = new AtomicInteger(3);
        dfs.createU32("wo", 0200, null, wo);
        dfs.createX32("ro", 0400, null, new AtomicInteger(3));
        try (TestMount m = TestMount.of(dfs.tree())) {
            fails(m, "cat wo", "Permission denied"); // root opens, the read finds no get
            m.sh("echo 11 > wo").ok();
            assertEquals(11, wo.get());
            assertEquals("EACCES\nEACCES\n", py(m,
                    "print(err(os.read, os.open('wo', os.O_RDONLY), 10))\n"
                    + "print(err(os.write, os.open('ro', os.O_WRONLY), b'1'))\n"));
            assertEquals("0x00000003\n", m.sh("cat ro").ok());
        }
    }

    @Test
    void simpleAttributeHelperUsesItsFormatAndSetter() { // D9
        AtomicLong ms = new AtomicLong(250);
        dfs.createFile("timeout", 0644, null, DebugfsAttribute.define(ms::get, v -> {
            if (v > 10000) {
                throw FsException.invalid("timeout too long");
            }
            ms.set(v);
        }, "%llu ms\n"));
        AtomicLong offset = new AtomicLong(-3);
        dfs.createFile("offset", 0644, null,
                DebugfsAttribute.defineSigned(offset::get, offset::set, "%+lld\n"));
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("250 ms\n", m.sh("cat timeout").ok());
            m.sh("echo 0x20 > timeout").ok();
            assertEquals("32 ms\n", m.sh("cat timeout").ok());
            fails(m, "/bin/echo 20000 > timeout", "Invalid argument");
            assertEquals(32, ms.get());
            assertEquals("-3\n", m.sh("cat offset").ok());
            m.sh("echo 12 > offset").ok();
            assertEquals("+12\n", m.sh("cat offset").ok());
            assertEquals("ESPIPE\n", py(m, "print(err(os.pread, os.open('offset', 0), 4, 0))"));
        }
    }

    @Test
    void boolShowsYOrNAndAcceptsTheKernelWords() { // D10
        AtomicBoolean b = new AtomicBoolean(true);
        dfs.createBool("enabled", 0644, null, b);
        dfs.createBool("locked", 0444, null, new AtomicBoolean(false));
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("Y\n", m.sh("cat enabled").ok());
            m.sh("echo N > enabled").ok();
            assertEquals("N\n", m.sh("cat enabled").ok());
            m.sh("echo on > enabled").ok();
            assertEquals("Y\n", m.sh("cat enabled").ok());
            m.sh("echo off > enabled").ok();
            assertEquals(false, b.get());
            m.sh("echo yes > enabled").ok();
            assertEquals(true, b.get());
            m.sh("echo 0 > enabled").ok();
            assertEquals(false, b.get());
            m.sh("echo maybe > enabled").ok(); // unrecognised: no error, value unchanged
            assertEquals(false, b.get());
            assertEquals("ok 9\nok b'\\n'\n", py(m,
                    "fd = os.open('enabled', os.O_RDWR)\n"
                    + "print(err(os.write, fd, b'xyz12345\\n'))\n"
                    + "print(err(os.pread, fd, 5, 1))\n")); // seekable, position honoured
            assertEquals("N\n", m.sh("cat locked").ok());
            fails(m, "/bin/echo Y > locked", "Invalid argument"); // read-only variant has no write (D6)
        }
    }

    @Test
    void strReadsWithNewlineAndWritesTrimmed() { // D11
        AtomicReference<String> s = new AtomicReference<>("hello");
        dfs.createStr("name", 0644, null, s);
        dfs.createStr("fixed", 0444, null, new AtomicReference<>("const"));
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("hello\n", m.sh("cat name").ok());
            m.sh("echo '  new value  ' > name").ok();
            assertEquals("new value\n", m.sh("cat name").ok());
            assertEquals("new value", s.get());
            assertEquals("ok 4\nok 4\nok 3\nEINVAL\nE2BIG\nok 4095\n", py(m,
                    "fd = os.open('name', os.O_WRONLY)\n"
                    + "print(err(os.write, fd, b'abc\\n'))\n"
                    + "print(err(os.write, fd, b'xyz\\n'))\n"   // replaces again
                    + "print(err(os.pwrite, fd, b'def', 3))\n"  // at strlen: appends
                    + "print(err(os.pwrite, fd, b'q', 1))\n"    // elsewhere: EINVAL
                    + "print(err(os.pwrite, fd, b'a' * 4096, 0))\n" // pos + count + 1 > 4096
                    + "print(err(os.pwrite, fd, b'b' * 4095, 0))\n"));
            assertEquals("b".repeat(4095), s.get());
            s.set("xyzdef");
            assertEquals("def\n", m.sh("dd if=name bs=1 skip=3 status=none").ok());
            fails(m, "/bin/echo x > fixed", "Invalid argument");
            assertEquals("const\n", m.sh("cat fixed").ok());
        }
    }

    @Test
    void blobIsBinaryAndWritableInPlace() { // D12
        byte[] data = {0, 1, 2, (byte) 0xff, 'a', 'b'};
        dfs.createBlob("blob", 0666, null, data);
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("644 0\n", m.sh("stat -c '%a %s' blob").ok()); // mode & 0644
            assertEquals("00 01 02 ff 61 62\n", m.sh("od -An -tx1 -v blob | sed 's/^ //'").ok());
            assertEquals("ok b'\\xffab'\nok 2\nok 1\nok 0\nok b'\\x00\\x01XYaZ'\n", py(m,
                    "fd = os.open('blob', os.O_RDWR)\n"
                    + "print(err(os.pread, fd, 100, 3))\n"
                    + "print(err(os.pwrite, fd, b'XY', 2))\n"
                    + "print(err(os.pwrite, fd, b'ZZ', 5))\n"   // clipped to the size
                    + "print(err(os.pwrite, fd, b'!', 6))\n"    // at the end: 0
                    + "print(err(os.pread, fd, 6, 0))\n"));
            assertEquals('Z', data[5]);
        }
    }

    @Test
    void regset32PrintsOneLinePerRegister() { // D13
        AtomicInteger status = new AtomicInteger(0xdeadbeef);
        dfs.createRegset32("regs", 0444, null, Regset32.of(
                new Regset32.Reg32("CTRL", () -> 1),
                new Regset32.Reg32("STATUS", status::get)));
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("CTRL = 0x00000001\nSTATUS = 0xdeadbeef\n", m.sh("cat regs").ok());
            status.set(0x10);
            assertEquals("STATUS = 0x00000010\n", m.sh("sed -n 2p regs").ok());
            assertEquals("ok b'L = 0x00000001\\n'\n", py(m,
                    "print(err(os.pread, os.open('regs', 0), 15, 3))")); // seq_file: pread works
            fails(m, "/bin/echo 1 > regs", "Invalid argument"); // no write method (D6)
        }
    }

    @Test
    void u32ArrayIsSpaceSeparatedAndNotSeekable() { // D13
        dfs.createU32Array("array", 0444, null, new int[] {1, 22, 333, -1});
        dfs.createU32Array("empty", 0444, null, new int[0]);
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("1 22 333 4294967295\n", m.sh("cat array").ok());
            assertEquals("", m.sh("cat empty").ok());
            assertEquals("1 22 333 4294967295\n", m.sh("dd if=array bs=3 status=none").ok());
            assertEquals("ESPIPE\nESPIPE\n", py(m,
                    "fd = os.open('array', 0)\n"
                    + "print(err(os.pread, fd, 4, 0))\n"
                    + "print(err(os.lseek, fd, 2, os.SEEK_SET))\n"));
            fails(m, "/bin/echo 1 > array", "Invalid argument");
        }
    }
}
