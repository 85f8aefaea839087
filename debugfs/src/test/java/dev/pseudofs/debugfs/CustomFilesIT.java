package dev.pseudofs.debugfs;

import static dev.pseudofs.debugfs.MountHelpers.fails;
import static dev.pseudofs.debugfs.MountHelpers.py;
import static dev.pseudofs.debugfs.MountHelpers.sha256;
import static dev.pseudofs.debugfs.MountHelpers.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import dev.pseudofs.core.SeqFile;
import dev.pseudofs.core.SeqOperations;
import dev.pseudofs.core.testing.TestMount;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Custom files, seq files, the namespace rules and removal, through a real mount. */
@Tag("mount")
class CustomFilesIT {
    private final Debugfs dfs = Debugfs.create();

    /** A read-only custom file over a fixed byte array, read at any offset (D7). */
    private static RawOps bytes(byte[] content) {
        return new RawOps() {
            @Override
            public int read(OpenFile file, ByteBuffer dst, long pos) {
                if (pos >= content.length) {
                    return 0;
                }
                int n = (int) Math.min(dst.remaining(), content.length - pos);
                dst.put(content, (int) pos, n);
                return n;
            }
        };
    }

    private static byte[] lines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("record %07d of the big file\n", i));
        }
        return utf8(sb.toString());
    }

    @Test
    void multiMegabyteCustomFileReadsWhole() { // D7: no size limit on custom fops
        byte[] content = lines(200_000); // about 5.6 MiB
        dfs.createFile("big", 0444, null, bytes(content));
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals(sha256(content) + "  big\n", m.sh("sha256sum big").ok());
            assertEquals(content.length + "\n", m.sh("cat big | wc -c").ok());
            assertEquals("0 regular empty file\n", m.sh("stat -c '%s %F' big").ok()); // D1
        }
    }

    @Test
    void multiMegabyteSeqFileReadsWhole() { // D7, Q4-Q7
        int records = 150_000;
        dfs.createSeqFile("seq", 0444, null, new SeqOperations<Integer>() {
            @Override
            public Integer start(SeqFile m, long pos) {
                return pos < records ? (int) pos : null;
            }

            @Override
            public Integer next(SeqFile m, Integer v, long pos) {
                return pos < records ? (int) pos : null;
            }

            @Override
            public void show(SeqFile m, Integer v) {
                m.printf("record %07d of the big file\n", v);
            }
        });
        byte[] want = lines(records);
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals(sha256(want) + "  seq\n", m.sh("sha256sum seq").ok());
            assertEquals(sha256(want) + "  -\n", m.sh("dd if=seq bs=1000 status=none | sha256sum").ok());
            assertEquals("ok b'record 0000001'\n", py(m,
                    "print(err(os.pread, os.open('seq', 0), 14, 31))")); // seq files may pread
            fails(m, "/bin/echo 1 > seq", "Invalid argument"); // no write method (D6)
        }
    }

    @Test
    void singleFileWithStoreAndSizedFile() { // D4, D7
        AtomicReference<String> last = new AtomicReference<>("none");
        dfs.createSingle("cmd", 0644, null, m -> m.printf("last=%s\n", last.get()),
                in -> {
                    last.set(in.text().trim());
                    return in.count();
                });
        dfs.createFileSize("sized", 0444, null, FileOps.raw(bytes(utf8("12345"))), 5);
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("last=none\n", m.sh("cat cmd").ok());
            m.sh("echo reset > cmd").ok();
            assertEquals("last=reset\n", m.sh("cat cmd").ok());
            // D7: no page limit on a custom write: 10000 bytes reach the store at once
            assertEquals("ok 10000\n", py(m,
                    "print(err(os.write, os.open('cmd', os.O_WRONLY), b'x' * 10000))"));
            assertEquals(10000, last.get().length());
            assertEquals("5\n", m.sh("stat -c %s sized").ok());
            assertEquals("12345", m.sh("cat sized").ok());
        }
    }

    @Test
    void missingMethodsAnswerEinval() { // D6
        dfs.createFile("ro", 0644, null, bytes(utf8("data\n")));
        dfs.createFile("wo", 0644, null, new RawOps() {
            @Override
            public int write(OpenFile file, ByteBuffer src, long pos) {
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }
        });
        dfs.createFile("stream", 0444, null, FileOps.raw(bytes(utf8("abc"))).nonSeekable());
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("data\n", m.sh("cat ro").ok());
            fails(m, "/bin/echo x > ro", "Invalid argument");
            fails(m, "cat wo", "Invalid argument");
            m.sh("echo x > wo").ok();
            assertEquals("ESPIPE\n", py(m, "print(err(os.lseek, os.open('stream', 0), 1, 0))"));
        }
    }

    @Test
    void usersCannotChangeTheTree() { // D3
        Dir d = dfs.createDir("dir", null);
        dfs.createU8("value", 0644, d, new AtomicInteger());
        try (TestMount m = TestMount.of(dfs.tree())) {
            fails(m, "mkdir new", "Operation not permitted");
            fails(m, "rmdir dir", "Operation not permitted");
            fails(m, "rm -f dir/value", "Operation not permitted");
            fails(m, "ln -s dir link", "Operation not permitted");
            fails(m, "mv dir/value dir/other", "Operation not permitted");
            fails(m, "touch fresh", "Permission denied"); // O_CREAT of a new name: EACCES
            assertEquals("EACCES\n", py(m,
                    "print(err(os.open, 'fresh2', os.O_CREAT | os.O_WRONLY, 0o644))"));
            assertEquals("dir\nvalue\n", m.sh("ls . dir | grep -v -e '^$' -e ':$'").ok());
        }
    }

    @Test
    void shapeModesLinksAndCreationOrder() { // D1, D4
        Dir d = dfs.createDir("zeta", null);
        dfs.createDir("alpha", null);
        dfs.createU8("m", 0600, d, new AtomicInteger());
        dfs.createU8("b", 0600, d, new AtomicInteger());
        dfs.createU8("x", 0600, d, new AtomicInteger());
        dfs.createSymlink("link", d, "../../some/where");
        dfs.createSymlink("abs", d, "/sys/kernel/debug/alpha");
        try (TestMount m = TestMount.of(dfs.tree())) {
            assertEquals("700 755 755\n", m.sh("stat -c '%a' . zeta alpha | tr '\\n' ' ' | sed 's/ $/\\n/'").ok());
            assertEquals("m\nb\nx\nlink\nabs\n", m.sh("ls -U zeta").ok()); // creation order
            assertEquals("zeta\nalpha\n", m.sh("ls -U").ok());
            assertEquals("../../some/where\n/sys/kernel/debug/alpha\n",
                    m.sh("readlink zeta/link zeta/abs").ok());
            assertEquals("777 symbolic link\n", m.sh("stat -c '%a %F' zeta/link").ok());
            assertEquals("1 4096\n", m.sh("stat -c '%h %o' zeta/m").ok());
        }
    }

    @Test
    void permissionsAreOrdinaryDacAndRootBypassesThem() { // D3
        Debugfs open = Debugfs.create(0755);
        AtomicInteger secret = new AtomicInteger(42);
        open.createU8("secret", 0600, null, secret);
        open.createU8("public", 0644, null, new AtomicInteger(1));
        AtomicReference<String> written = new AtomicReference<>("");
        open.createFile("ro_custom", 0444, null, new RawOps() { // a 0444 file with a write method
            @Override
            public int write(OpenFile file, ByteBuffer src, long pos) {
                written.set(StandardCharsets.UTF_8.decode(src).toString());
                return written.get().length();
            }
        });
        try (TestMount m = TestMount.of(open.tree())) {
            MountHelpers.failed(m.shAsNobody("cat secret"), "Permission denied");
            MountHelpers.failed(m.shAsNobody("echo 3 > public"), "Permission denied");
            assertEquals("1\n", m.shAsNobody("cat public").ok());
            assertEquals("42\n", m.sh("cat secret").ok());
            m.sh("echo hi > ro_custom").ok(); // root: no kernfs-style extra check on debugfs
            assertEquals("hi\n", written.get());
        }
    }

    @Test
    void removeRecursiveWhileAFileIsOpen() throws IOException, InterruptedException { // D5, D4
        Dir d = dfs.createDir("drv", null);
        Dir sub = dfs.createDir("sub", d);
        dfs.createFile("log", 0444, sub, bytes(utf8("log line\n")));
        dfs.createU64("count", 0644, sub, new java.util.concurrent.atomic.AtomicLong(7));
        String program = String.join("\n",
                "import os, sys, errno",
                "def err(f, *a):",
                "    try:",
                "        return 'ok ' + repr(f(*a))",
                "    except OSError as e:",
                "        return errno.errorcode[e.errno]",
                "fd = os.open('drv/sub/log', os.O_RDONLY)",
                "fd2 = os.open('drv/sub/count', os.O_RDWR)",
                "print(err(os.read, fd, 4), flush=True)",
                "print('READY', flush=True)",
                "sys.stdin.readline()",
                "print(err(os.read, fd, 100))",
                "print(err(os.read, fd2, 100))",
                "print(err(os.write, fd2, b'1'))",
                "print(err(os.open, 'drv/sub/log', os.O_RDONLY))",
                "print(err(os.stat, 'drv'))",
                "os.close(fd)",
                "os.close(fd2)");
        try (TestMount m = TestMount.of(dfs.tree())) {
            Process p = new ProcessBuilder("python3", "-c", program).directory(m.dir().toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ok b'log '", out.readLine());
            assertEquals("READY", out.readLine());
            dfs.removeRecursive(d); // while both files are open
            try (OutputStream in = p.getOutputStream()) {
                in.write('\n');
            }
            assertEquals("EIO", out.readLine());
            assertEquals("EIO", out.readLine());
            assertEquals("EIO", out.readLine());
            assertEquals("ENOENT", out.readLine());
            assertEquals("ENOENT", out.readLine());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue());
            assertEquals("", m.sh("ls").ok());
        }
    }
}
