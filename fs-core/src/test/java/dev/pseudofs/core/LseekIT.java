package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SEEK_DATA and SEEK_HOLE through FUSE_LSEEK on a real mount, compared with the host kernel's
 * answers on a file of each kind, errno included: kernfs's generic_file_llseek on a text and a
 * binary attribute (K23, S20), seq_lseek on a seq file (Q10, P7), default_llseek on a sysctl
 * (C6), and generic_file_llseek on a proc entry that has it (/proc/PID/cmdline, P7).
 */
class LseekIT {
    private final Tree tree = Tree.create();

    LseekIT() {
        Dir root = tree.root();
        root.createFile("attr", 0644, FileOps.show(b -> b.line(0)), File.PAGE_SIZE);
        root.createFile("notes", 0444, FileOps.blob(new BlobOps() {
            @Override
            public int read(ByteBuffer dst, long pos) {
                return 0;
            }
        }), notesSize()); // the host's, whose answers the test compares with
        root.createFile("seq", 0444, FileOps.single(m -> m.puts("1.00 2.00\n")), 0);
        root.createFile("sysctl", 0644, FileOps.raw(new RawOps() { }).withLlseek(Llseek.DEFAULT), 0);
        root.createFile("cmdline", 0444, FileOps.single(m -> m.puts("x")).withLlseek(Llseek.GENERIC), 0);
        root.createFile("value", 0444, FileOps.show(b -> b.line(0)).nonSeekable(), 0); // simple_attr
        root.createFile("doomed", 0444, FileOps.show(b -> b.line(0)).withIoctl((f, cmd, arg) -> {
            f.file().remove();
            return 0;
        }), File.PAGE_SIZE);
    }

    private static long notesSize() {
        try {
            return Files.size(Path.of("/sys/kernel/notes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // One line per file: where SEEK_DATA and SEEK_HOLE land from each offset, or the errno.
    private static final String PROBE = """
            import errno, os, sys
            def probe(path):
                fd = os.open(path, os.O_RDONLY)
                out = []
                for whence in (os.SEEK_DATA, os.SEEK_HOLE):
                    for off in (0, 1, 100, 163, 164, 4095, 4096, 5000, -1, -4096):
                        try: out.append(str(os.lseek(fd, off, whence)))
                        except OSError as e: out.append(errno.errorcode[e.errno])
                os.close(fd)
                return ' '.join(out)
            for p in sys.argv[1:]: print(probe(p))
            """;

    private static List<String> probe(Path dir, String... paths) {
        StringBuilder args = new StringBuilder();
        for (String p : paths) {
            args.append(" '").append(p).append("'");
        }
        String script = "python3 - " + args + " <<'EOF'\n" + PROBE + "EOF\n";
        return List.of(Shell.sh(dir, script).ok().split("\n"));
    }

    @Test
    void seekDataAndHoleAnswerAsTheHostsFileOfTheSameKind() { // K23, S20, Q10, P7, C6
        List<String> host = probe(Path.of("/"), "/sys/kernel/rcu_expedited", "/sys/kernel/notes",
                "/proc/uptime", "/proc/sys/kernel/printk", "/proc/self/cmdline");
        try (TestMount m = TestMount.of(tree)) {
            assertEquals(host, probe(m.dir(), "attr", "notes", "seq", "sysctl", "cmdline"));
        }
    }

    @Test
    void theAnswersArePinned() { // K23, Q10, C6: what the host comparison above stands on
        try (TestMount m = TestMount.of(tree)) {
            assertEquals(List.of(
                    "0 1 100 163 164 4095 ENXIO ENXIO ENXIO ENXIO"
                            + " 4096 4096 4096 4096 4096 4096 ENXIO ENXIO ENXIO ENXIO",
                    "EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL"
                            + " EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL EINVAL",
                    "ENXIO ENXIO ENXIO ENXIO ENXIO ENXIO ENXIO ENXIO EINVAL EINVAL"
                            + " ENXIO ENXIO ENXIO ENXIO ENXIO ENXIO ENXIO ENXIO 0 0"),
                    probe(m.dir(), "attr", "seq", "sysctl"));
        }
    }

    @Test
    void setCurAndEndStayTheClientsFromStSize() { // K23: SEEK_END 4096, beyond EOF allowed
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("[4096, 5000, b'', 0]\n", m.python("""
                    import os
                    fd = os.open('attr', os.O_RDONLY)
                    print([os.lseek(fd, 0, os.SEEK_END), os.lseek(fd, 5000, os.SEEK_SET), os.read(fd, 10),
                           os.lseek(fd, 0, os.SEEK_DATA)])
                    """).ok());
        }
    }

    @Test
    void aNonSeekableFileIsRefusedBeforeTheServerIsAsked() { // D9: nonseekable_open, ESPIPE
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("ESPIPE ESPIPE\n", m.python("""
                    import errno, os
                    fd = os.open('value', os.O_RDONLY)
                    r = []
                    for w in (os.SEEK_DATA, os.SEEK_HOLE):
                        try: r.append(str(os.lseek(fd, 0, w)))
                        except OSError as e: r.append(errno.errorcode[e.errno])
                    print(*r)
                    """).ok());
        }
    }

    @Test
    void aRemovedAttributeAnswersEnodev() { // K29: lseek on a removed node -> ENODEV
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("ENODEV\n", m.python("""
                    import errno, fcntl, os
                    fd = os.open('doomed', os.O_RDONLY)
                    fcntl.ioctl(fd, 0x7001, 0)  # its ioctl removes it (the program's doing)
                    try: print(os.lseek(fd, 0, os.SEEK_DATA))
                    except OSError as e: print(errno.errorcode[e.errno])
                    """).ok());
        }
    }
}
