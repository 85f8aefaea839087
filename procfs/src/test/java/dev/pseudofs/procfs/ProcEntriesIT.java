package dev.pseudofs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.IoctlCmd;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.SeqOperations;
import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Drives proc entries through a real mount: P2-P9, P11, P17, Q4-Q7, Q12, T1, T6, T9. */
@Tag("mount")
class ProcEntriesIT {
    /** Returns records "line 0000000\n" .. (13 bytes each), a seq_operations over an index. */
    static SeqOperations<Long> lines(long n) {
        return SeqOperations.range(() -> n, (m, v) -> m.printf("line %07d\n", v));
    }

    private static Procfs build(AtomicInteger written) {
        Procfs proc = Procfs.create();
        proc.createSingle("hello", 0444, null, m -> m.puts("hello world\n"));
        proc.procCreate("pageread", 0, null, PageRead.of(() -> "page text\n"));
        proc.procCreate("writeonly", 0200, null, new ProcOps() {
            @Override
            public int write(OpenFile f, ByteBuffer src, long pos) {
                written.addAndGet(src.remaining());
                return src.remaining();
            }
        });
        Dir driver = proc.procMkdir("driver", null);
        proc.createSingle("driver/info", 0, null, m -> m.puts("info\n"));
        proc.procSymlink("link", null, "driver/info");
        proc.createSeq("big", 0444, driver, lines(1_000_000));
        proc.createSingle("wide", 0444, null, m -> m.puts("x".repeat(9999)).putc('\n'));
        return proc;
    }

    @Test
    void statModesSizesAndBlockSize() { // P3, P4, T1
        try (TestMount m = TestMount.of(build(new AtomicInteger()).tree())) {
            assertEquals("0 444 1 1024\n", m.sh("stat -c '%s %a %h %o' hello").ok());
            assertEquals("0 444\n", m.sh("stat -c '%s %a' pageread driver/info").ok().lines().findFirst().get() + "\n");
            assertEquals("0 200\n", m.sh("stat -c '%s %a' writeonly").ok());
            assertEquals("0 555 2\n", m.sh("stat -c '%s %a %h' driver").ok());
            assertEquals("11 777 driver/info\n", m.sh("stat -c '%s %a %N' link | sed \"s/'link' -> //;s/'//g\"").ok());
            assertEquals("hello world\n", m.sh("cat hello").ok());
            assertEquals("info\n", m.sh("cat link").ok());
            assertEquals("page text\n", m.sh("cat pageread").ok());
        }
    }

    @Test
    void readdirIsLengthThenName() { // P11
        try (TestMount m = TestMount.of(build(new AtomicInteger()).tree())) {
            assertEquals(". .. sys link wide hello driver pageread writeonly",
                    m.sh("ls -f").ok().strip().replace('\n', ' '));
        }
    }

    @Test
    void missingReadOrWriteIsEioEvenForRoot() { // P5 (ProcOps), P6, T6
        AtomicInteger written = new AtomicInteger();
        try (TestMount m = TestMount.of(build(written).tree())) {
            Shell.Result w = m.sh("/bin/echo x > hello");
            assertEquals(1, w.exit());
            assertTrue(w.err().contains("Input/output error"), w.err());
            Shell.Result p = m.sh("/bin/echo x > pageread");
            assertTrue(p.exit() != 0 && p.err().contains("Input/output error"), p.err());
            Shell.Result r = m.sh("cat writeonly");
            assertTrue(r.exit() != 0 && r.err().contains("Input/output error"), r.err());
            m.sh("printf abcd > writeonly").ok();
            assertEquals(4, written.get());
        }
    }

    @Test
    void namespaceOperationsFailAsProcDoes() { // P9
        try (TestMount m = TestMount.of(build(new AtomicInteger()).tree())) {
            assertTrue(m.sh("mkdir newdir").err().contains("No such file or directory"));
            assertTrue(m.sh("ln -s hello newlink").err().contains("No such file or directory"));
            assertTrue(m.sh("touch newfile").err().contains("No such file or directory"));
            assertTrue(m.sh("rm -f hello").err().contains("Operation not permitted"));
            assertTrue(m.sh("rmdir driver").err().contains("Operation not permitted"));
            assertEquals("EPERM\n", m.sh("python3 -c \"import os,errno\ntry: os.rename('hello','link')\n"
                    + "except OSError as e: print(errno.errorcode[e.errno])\"").ok());
            m.sh("chmod 600 hello").ok(); // P10: chmod of a generic entry is allowed
            assertEquals("600\n", m.sh("stat -c %a hello").ok());
        }
    }

    @Test
    void millionLineSeqFileStreams() { // Q4-Q7
        try (TestMount m = TestMount.of(build(new AtomicInteger()).tree())) {
            assertEquals("1000000\n", m.sh("wc -l < driver/big").ok());
            assertEquals("13000000\n", m.sh("cat driver/big | wc -c").ok());
            assertEquals("line 0500000\n",
                    m.sh("dd if=driver/big bs=13 skip=500000 count=1 2>/dev/null").ok());
            assertEquals("ne 0000001\n", m.sh("dd if=driver/big bs=1 skip=15 count=11 2>/dev/null").ok());
            assertEquals("line 0999999\n", m.sh("tail -c 13 driver/big").ok());
            // One read(2) returns at most one page of whole records (Q7), lseek(0) re-reads (Q4),
            // pread replays (Q11).
            assertEquals("4095 True line 0000001\n", m.sh("python3 -c \"import os\n"
                    + "fd = os.open('driver/big', os.O_RDONLY)\n"
                    + "a = os.read(fd, 131072)\nos.lseek(fd, 0, 0)\nb = os.read(fd, 131072)\n"
                    + "print(len(a), a == b, os.pread(fd, 13, 13).decode(), end='')\"").ok());
        }
    }

    @Test
    void showLargerThanOnePageGrowsTheBuffer() { // Q6, Q12
        try (TestMount m = TestMount.of(build(new AtomicInteger()).tree())) {
            assertEquals("10000\n", m.sh("cat wide | wc -c").ok());
            assertEquals("x\n", m.sh("dd if=wide bs=1 skip=9998 2>/dev/null").ok());
        }
    }

    @Test
    void removalWhileOpenAnswersEio() throws Exception { // P8, T9
        Procfs proc = build(new AtomicInteger());
        try (TestMount m = TestMount.of(proc.tree())) {
            Process p = new ProcessBuilder("python3", "-u", "-c", "import os,sys,errno\n"
                    + "fd = os.open('hello', os.O_RDONLY)\nprint(os.read(fd, 5).decode())\n"
                    + "sys.stdin.readline()\n"
                    + "try: os.pread(fd, 10, 0)\nexcept OSError as e: print(errno.errorcode[e.errno])\n"
                    + "try: os.open('hello', os.O_RDONLY)\nexcept OSError as e: print(errno.errorcode[e.errno])\n")
                    .directory(m.dir().toFile()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("hello", out.readLine());
            proc.removeProcEntry("hello", null);
            try (OutputStream in = p.getOutputStream()) {
                in.write('\n');
            }
            assertEquals("EIO", out.readLine());
            assertEquals("ENOENT", out.readLine());
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    void entryApiRefusesBadNames() { // P2
        Procfs proc = Procfs.create();
        File f = proc.createSingle("a", 0, null, m -> m.puts("a\n"));
        assertNotNull(f);
        assertThrowsIae(() -> proc.createSingle("a", 0, null, m -> { }));
        assertThrowsIae(() -> proc.createSingle("1234", 0, null, m -> { }));
        assertThrowsIae(() -> proc.createSingle("nodir/x", 0, null, m -> { }));
        assertThrowsIae(() -> proc.procMkdir("..", null));
        Dir d = proc.procMkdir("d", null);
        assertEquals("/d/1234", proc.createSingle("d/1234", 0, null, m -> { }).path());
        assertEquals(d, proc.createSingle("x", 0, d, m -> { }).parent());
    }

    private static void assertThrowsIae(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("expected IllegalArgumentException, got " + e, e);
        }
        throw new AssertionError("expected IllegalArgumentException");
    }

    @Test
    void procIoctlAnswersItsCommandsAndEnottyOtherwiseP5() { // P5: proc_ioctl
        Procfs proc = Procfs.create();
        int get = IoctlCmd.ior('q', 1, 4);
        proc.createSingle("version", 0444, null, m -> m.puts("Linux\n")); // no proc_ioctl
        proc.procCreate("driver", 0444, null, new ProcOps() { }, (f, cmd, arg) -> {
            if (cmd != get) {
                throw new FsException(Errno.ENOTTY, "unknown");
            }
            arg.out().putInt(0, 4242);
            return 0;
        });
        try (TestMount m = TestMount.of(proc.tree())) {
            assertEquals("4242 25 25\n", m.python(String.format("""
                    import fcntl, os, struct
                    fd = os.open('driver', os.O_RDONLY)
                    r = [struct.unpack('=i', fcntl.ioctl(fd, %d, bytes(4)))[0]]
                    for path, cmd in (('driver', %d), ('version', %d)):
                        try: fcntl.ioctl(os.open(path, os.O_RDONLY), cmd, bytes(4))
                        except OSError as e: r.append(e.errno)
                    print(*r)
                    """, get, IoctlCmd.ior('q', 2, 4), get)).ok());
        }
    }
}
