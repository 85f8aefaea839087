package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The kernfs file contract through a real mount, driven by real processes (section 1 of the
 * spec). The tree mimics a sysfs directory: text attributes of st_size 4096.
 */
class KernfsFileIT {
    private final AtomicInteger counter = new AtomicInteger(29);
    private final AtomicInteger shows = new AtomicInteger();
    private final AtomicLong value = new AtomicLong(7);
    private final List<Integer> storeSizes = new CopyOnWriteArrayList<>();
    private final Tree tree = Tree.create();
    private final Dir kernel = tree.root().createDir("kernel", 0755);

    KernfsFileIT() {
        kernel.createFile("counter", 0444, FileOps.show(b -> {
            shows.incrementAndGet();
            b.line(counter.getAndAdd(6));
        }), File.PAGE_SIZE);
        kernel.createFile("value", 0644, FileOps.showStore(b -> b.line(value.get()), in -> {
            storeSizes.add(in.count());
            String t = in.text();
            if (t.endsWith("\n")) {
                t = t.substring(0, t.length() - 1);
            }
            try {
                value.set(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw FsException.invalid("not a number: " + t);
            }
            return in.count();
        }), File.PAGE_SIZE);
        kernel.createFile("sink", 0200, FileOps.store(in -> {
            storeSizes.add(in.count());
            return in.count();
        }), File.PAGE_SIZE);
        kernel.createFile("private", 0600, FileOps.show(b -> b.append("secret\n")), File.PAGE_SIZE);
        kernel.createFile("buggy", 0644, FileOps.showStore(b -> {
            throw new IllegalStateException("bug in show");
        }, in -> {
            throw new NullPointerException("bug in store");
        }), File.PAGE_SIZE);
        kernel.createFile("whoami", 0444, FileOps.show(b -> b.emit("%d %d\n", Caller.current().uid(),
                Caller.current().gid())), File.PAGE_SIZE);
    }

    @Test
    void catShowsOnceAndASecondCatSeesFreshContent() { // K19, S11
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("29\n", m.sh("cat kernel/counter").ok());
            assertEquals(1, shows.get());
            assertEquals("35\n", m.sh("cat kernel/counter").ok());
        }
    }

    @Test
    void ddBs1ReadsOneConsistentSnapshot() { // K19, S11, T2
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("29\n", m.sh("dd if=kernel/counter bs=1 status=none").ok());
            assertEquals(1, shows.get());
        }
    }

    @Test
    void preadAndLseekFollowTheKernelProbe() { // K19, K23, K24
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python("""
                    import os
                    fd = os.open('kernel/counter', os.O_RDONLY)
                    r = [os.read(fd, 2), os.read(fd, 2), os.pread(fd, 100, 0), os.pread(fd, 100, 1)]
                    os.lseek(fd, 0, 0); r.append(os.read(fd, 100))
                    r.append(os.lseek(fd, 0, os.SEEK_END))
                    os.lseek(fd, 5000, 0); r.append(os.read(fd, 10))
                    print(r)
                    """).ok();
            assertEquals("[b'29', b'\\n', b'35\\n', b'1\\n', b'47\\n', 4096, b'']\n", out);
        }
    }

    @Test
    void writeSizesFollowThePageClamp() { // K25, S15, S16, S18
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python("""
                    import os
                    fd = os.open('kernel/sink', os.O_WRONLY)
                    print([os.write(fd, b'x' * n) for n in (0, 1, 4095, 4096, 5000)])
                    """).ok();
            assertEquals("[0, 1, 4095, 4096, 4096]\n", out);
            assertEquals(List.of(1, 4095, 4096, 4096), storeSizes); // a zero-byte write stores nothing
        }
    }

    @Test
    void aShellRedirectStoresAndTruncationIsSilent() { // T7, K6, K14, S14
        try (TestMount m = TestMount.of(tree)) {
            String before = m.sh("stat -c %Y.%s kernel/value").ok();
            m.sh("sleep 1.1; echo 42 > kernel/value").ok();
            assertEquals("42\n", m.sh("cat kernel/value").ok());
            String after = m.sh("stat -c %Y.%s kernel/value").ok();
            assertNotEquals(before, after, "O_TRUNC moves mtime");
            assertTrue(after.trim().endsWith(".4096"), "size stays 4096: " + after);
            m.sh("truncate -s 0 kernel/value").ok();
            assertEquals("4096\n", m.sh("stat -c %s kernel/value").ok());
            // A write at an offset and with O_APPEND reaches the store unchanged (S14, K28).
            m.sh("printf 5 | dd of=kernel/value bs=1 seek=100 conv=notrunc status=none").ok();
            assertEquals("5\n", m.sh("cat kernel/value").ok());
            m.sh("echo 6 >> kernel/value").ok();
            assertEquals("6\n", m.sh("cat kernel/value").ok());
        }
    }

    @Test
    void plainWritesLeaveMtimeAlone() { // K6
        try (TestMount m = TestMount.of(tree)) {
            String before = m.sh("stat -c %Y kernel/value").ok();
            m.sh("sleep 1.1").ok();
            m.python("import os; fd = os.open('kernel/value', os.O_WRONLY); os.write(fd, b'9')").ok();
            assertEquals(before, m.sh("stat -c %Y kernel/value").ok());
        }
    }

    @Test
    void rejectedStoreKeepsTheOldValue() { // S16, T5
        try (TestMount m = TestMount.of(tree)) {
            Shell.Result r = m.sh("echo abc > kernel/value");
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("Invalid argument"), r.err());
            assertEquals("7\n", m.sh("cat kernel/value").ok());
        }
    }

    @Test
    void throwingCallbacksAnswerEioAndTheServerKeepsServing() {
        try (TestMount m = TestMount.of(tree)) {
            Shell.Result read = m.sh("cat kernel/buggy");
            assertEquals(1, read.exit());
            assertTrue(read.err().contains("Input/output error"), read.err());
            Shell.Result write = m.sh("echo 1 > kernel/buggy");
            assertTrue(write.err().contains("Input/output error"), write.err());
            assertEquals("29\n", m.sh("cat kernel/counter").ok());
        }
    }

    @Test
    void aCallbackFailingOnEveryReadIsLoggedAtMostTenTimesInFiveSeconds() throws InterruptedException {
        var bridgeLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "dev.pseudofs.core.fuse.FuseBridge");
        var seen = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        seen.start();
        bridgeLog.addAppender(seen);
        try (TestMount m = TestMount.of(tree)) {
            // a caller repeating a failing read cannot fill the log (/run is a tmpfs)
            String failed = m.sh("n=0; for i in $(seq 200); do cat kernel/buggy 2>/dev/null || n=$((n+1)); done;"
                    + " echo $n").ok();
            assertEquals("200\n", failed);
            assertEquals(10, warnings(seen).size(), warnings(seen).toString());
            Thread.sleep(5_100); // the next interval: one more, which counts what was held back
            assertEquals(1, m.sh("cat kernel/buggy").exit());
            List<String> w = warnings(seen);
            assertEquals(11, w.size(), w.toString());
            assertTrue(w.get(10).endsWith("IllegalStateException: bug in show (190 such failures not logged"
                    + " before this one)"), w.get(10));
            assertEquals("29\n", m.sh("cat kernel/counter").ok());
        } finally {
            bridgeLog.detachAppender(seen);
        }
    }

    private static List<String> warnings(ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> a) {
        List<String> out = new ArrayList<>();
        for (var e : List.copyOf(a.list)) {
            if (e.getLevel() == ch.qos.logback.classic.Level.WARN && e.getFormattedMessage().contains("failed in user code")) {
                out.add(e.getFormattedMessage());
            }
        }
        return out;
    }

    @Test
    void rootIsRefusedWhereNoWriteBitOrNoShowExists() { // K17, S19, T6
        try (TestMount m = TestMount.of(tree)) {
            Shell.Result w = m.sh("echo 1 > kernel/counter");
            assertEquals(1, w.exit());
            assertTrue(w.err().contains("Permission denied"), w.err());
            Shell.Result r = m.sh("cat kernel/sink");
            assertTrue(r.err().contains("Permission denied"), r.err());
        }
    }

    @Test
    void nobodyGetsOrdinaryPermissionChecks() { // S7
        try (TestMount m = TestMount.of(tree)) {
            assertTrue(m.shAsNobody("cat kernel/private").err().contains("Permission denied"));
            assertTrue(m.shAsNobody("echo 1 > kernel/value").err().contains("Permission denied"));
            assertEquals("7\n", m.shAsNobody("cat kernel/value").ok());
            assertEquals("65534 65534\n", m.shAsNobody("cat kernel/whoami").ok()); // the caller reaches show
            assertEquals("0 0\n", m.sh("cat kernel/whoami").ok());
        }
    }

    @Test
    void statReportsTheKernelsShape() { // K1, K2, K3, K4
        kernel.createDir("sub", 0755);
        kernel.createLink("link", tree.resolve("/kernel/sub"));
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("regular file 644 4096 1 0 4096\n",
                    m.sh("stat -c '%F %a %s %h %b %o' kernel/value").ok());
            assertEquals("directory 755 3\n", m.sh("stat -c '%F %a %h' kernel").ok());
            assertEquals("symbolic link 777 0\n", m.sh("stat -c '%F %a %s' kernel/link").ok());
            assertEquals("sub\n", m.sh("readlink kernel/link").ok());
        }
    }

    @Test
    void descriptorRulesFsyncFlockAndCStrings() { // K18, K26, K35
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python("""
                    import os, fcntl
                    r = []
                    for path, flags in (('kernel/value', os.O_RDONLY | os.O_DIRECTORY), ('kernel', os.O_WRONLY)):
                        try:
                            os.open(path, flags)
                        except OSError as e:
                            r.append(e.errno)
                    d = os.open('kernel', os.O_RDONLY)
                    try:
                        os.read(d, 10)
                    except OSError as e:
                        r.append(e.errno)
                    fd = os.open('kernel/value', os.O_RDWR)
                    os.fsync(fd); os.fdatasync(fd)
                    fcntl.flock(fd, fcntl.LOCK_EX); fcntl.flock(fd, fcntl.LOCK_UN)
                    r.append(os.write(fd, b'5\\x00garbage'))
                    print(r)
                    """).ok();
            // ENOTDIR, EISDIR, EISDIR; the store saw the C string "5" of a 9-byte write
            assertEquals("[20, 21, 21, 9]\n", out);
            assertEquals("5\n", m.sh("cat kernel/value").ok());
        }
    }

    @Test
    void removalWhileOpenAnswersEnodevAndTheNameGoesAtOnce() { // K29, T9
        // A store may change the tree: writing "remove" here removes kernel/value.
        kernel.createFile("remove_value", 0200, FileOps.store(in -> {
            tree.resolve("/kernel/value").remove();
            return in.count();
        }), File.PAGE_SIZE);
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python("""
                    import os
                    fd = os.open('kernel/value', os.O_RDWR)
                    r = [os.read(fd, 100)]
                    ctl = os.open('kernel/remove_value', os.O_WRONLY); os.write(ctl, b'1')
                    for op in (lambda: os.pread(fd, 10, 0), lambda: os.write(fd, b'1')):
                        try:
                            op(); r.append('ok')
                        except OSError as e:
                            r.append(e.errno)
                    r.append(oct(os.fstat(fd).st_mode))
                    r.append(os.path.exists('kernel/value'))
                    print(r)
                    """).ok();
            // ENODEV = 19; fstat still answers on the open file, the name is gone.
            assertEquals("[b'7\\n', 19, 19, '0o100644', False]\n", out);
        }
    }

    @Test
    void nodesAddedOrRemovedWhileMountedShowAtOnce() { // K29
        try (TestMount m = TestMount.of(tree)) {
            assertEquals(1, m.sh("stat kernel/late").exit());
            kernel.createFile("late", 0444, FileOps.show(b -> b.append("here\n")), File.PAGE_SIZE);
            assertEquals("here\n", m.sh("cat kernel/late").ok());
            assertTrue(m.sh("ls kernel").ok().contains("late"));
            tree.resolve("/kernel/late").remove();
            assertTrue(m.sh("cat kernel/late").err().contains("No such file or directory"));
            assertTrue(!m.sh("ls kernel").ok().contains("late"));
        }
    }

    @Test
    void aNameTheKernelCachedFollowsRemovalReplacementAndModeChanges() { // K29, K13, K3
        try (TestMount m = TestMount.of(tree)) {
            // Each probe runs twice, so the second one meets names and attributes the kernel
            // keeps for a second: the program's change must still show at once.
            assertEquals("644\n644\n", m.sh("stat -c %a kernel/value; stat -c %a kernel/value").ok());
            tree.resolve("/kernel/value").setMode(0600);
            assertEquals("600\n", m.sh("stat -c %a kernel/value").ok());
            tree.resolve("/kernel/value").remove();
            assertTrue(m.sh("stat kernel/value").err().contains("No such file or directory"));
            kernel.createFile("value", 0444, FileOps.show(b -> b.append("new\n")), File.PAGE_SIZE);
            assertEquals("new\n444\n", m.sh("cat kernel/value; stat -c %a kernel/value").ok());
            kernel.createDir("d", 0755).createFile("f", 0444, FileOps.show(b -> b.append("f\n")));
            assertEquals("f\n", m.sh("cat kernel/d/f").ok());
            tree.resolve("/kernel/d").remove(); // a whole subtree at once
            assertTrue(m.sh("cat kernel/d/f").err().contains("No such file or directory"));
            // K3: nlink is 2 + subdirectories, also right after the program adds or removes one
            assertEquals("2\n2\n", m.sh("stat -c %h kernel; stat -c %h kernel").ok());
            kernel.createDir("sub", 0755);
            assertEquals("3\n", m.sh("stat -c %h kernel").ok());
            tree.resolve("/kernel/sub").remove();
            assertEquals("2\n", m.sh("stat -c %h kernel").ok());
        }
    }

    @Test
    void getdentsGivesEachNameItsOwnLength() { // K11: names reach getdents64 as the kernel's
        for (int len = 1; len <= 12; len++) {
            kernel.createFile("n".repeat(len), 0444, FileOps.show(b -> b.append("x\n")));
        }
        try (TestMount m = TestMount.of(tree)) {
            // d_reclen = ALIGN(19 + namelen + 1, 8): a name sent with a stray byte shows here.
            String out = m.python("""
                    import ctypes, os, struct
                    libc = ctypes.CDLL(None, use_errno=True)
                    fd = os.open('kernel', os.O_RDONLY | os.O_DIRECTORY)
                    buf = ctypes.create_string_buffer(65536)
                    bad = []
                    while True:
                        n = libc.syscall(217, fd, buf, 65536)
                        if n <= 0:
                            break
                        pos = 0
                        while pos < n:
                            reclen = struct.unpack_from('H', buf.raw, pos + 16)[0]
                            name = buf.raw[pos + 19:pos + reclen].split(b'\\0')[0]
                            if reclen != (19 + len(name) + 1 + 7) // 8 * 8:
                                bad.append((name, reclen))
                            pos += reclen
                    print(bad)
                    """).ok();
            assertEquals("[]\n", out);
        }
    }

    @Test
    void namespaceOperationsAnswerKernfsErrnos() { // K8, K9, K13, T10
        try (TestMount m = TestMount.of(tree)) {
            assertTrue(m.sh("mkdir kernel/new").err().contains("Operation not permitted"));
            assertTrue(m.sh("rmdir kernel").err().contains("Operation not permitted"));
            assertTrue(m.sh("rm -f kernel/value").err().contains("Operation not permitted"));
            assertTrue(m.sh("ln -s value kernel/l").err().contains("Operation not permitted"));
            assertTrue(m.sh("mv kernel/value kernel/v2").err().contains("Operation not permitted"));
            assertTrue(m.sh("touch kernel/newfile").err().contains("Permission denied"));
            assertTrue(m.sh("mkdir kernel/value").err().contains("File exists"));
            m.sh("chmod 0640 kernel/value && chown 1:1 kernel/value").ok();
            assertEquals("640 1 1\n", m.sh("stat -c '%a %u %g' kernel/value").ok());
        }
    }

    @Test
    void readdirFillsTypesAndUsesKernfsHashOrder() { // K11
        kernel.createDir("sub", 0755);
        kernel.createLink("link", tree.resolve("/kernel/sub"));
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("kernel/sub\n", m.sh("find kernel -type d -name sub").ok());
            assertEquals("kernel/link\n", m.sh("find kernel -type l").ok());
            List<String> expected = new ArrayList<>();
            for (DirEntry e : tree.readdir(kernel).entries()) {
                expected.add(e.name());
            }
            assertEquals(String.join("\n", expected) + "\n", m.sh("ls -f kernel").ok());
            // The end of the listing is INT_MAX, as on sysfs.
            assertEquals("2147483647\n", m.python("""
                    import os
                    fd = os.open('kernel', os.O_RDONLY | os.O_DIRECTORY)
                    list(os.scandir(fd))
                    d = os.open('kernel', os.O_RDONLY | os.O_DIRECTORY)
                    import ctypes
                    buf = ctypes.create_string_buffer(65536)
                    libc = ctypes.CDLL(None, use_errno=True)
                    while libc.syscall(217, d, buf, 65536) > 0:
                        pass
                    print(os.lseek(d, 0, os.SEEK_CUR))
                    """).ok());
        }
    }
}
