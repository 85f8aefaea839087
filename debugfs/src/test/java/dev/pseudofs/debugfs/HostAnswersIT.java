package dev.pseudofs.debugfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.PollEvents;
import dev.pseudofs.core.RawOps;
import dev.pseudofs.core.testing.HostOracle;
import dev.pseudofs.core.testing.HostOracle.As;
import dev.pseudofs.core.testing.HostOracle.Probe;
import dev.pseudofs.core.testing.TestMount;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs each probe on the host's debugfs (mounted on /sys/kernel/debug for the test when it is
 * not) and on a debugfs of ours with the same kinds of nodes, and expects the same answers.
 * The host runs under kernel lockdown, which refuses chmod, chown and any open beyond 0444
 * (D2, not emulated), so those probes are left out.
 */
@Tag("mount")
class HostAnswersIT {
    private static final Path HOST = Path.of("/sys/kernel/debug");

    private static Debugfs debugfsLikeTheHost() {
        Debugfs dfs = Debugfs.create();
        var sched = dfs.createDir("sched", null);
        dfs.createSingle("sleep_time", 0444, null, m -> m.puts("0-1ms: 0\n")); // a seq file
        dfs.createU64("u64_ro", 0444, sched, new AtomicLong(7));                // a simple_attr
        return dfs;
    }

    @Test
    void namespaceOperationsAnswerAsTheHostD3() { // D3, K9, T10
        boolean mountedByUs = HostOracle.ensureDebugfs();
        try (TestMount m = TestMount.of(debugfsLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(HOST, m.dir());
            for (String dir : List.of("", "sched/")) {
                for (String op : List.of("mkdir", "create", "symlink", "mkfifo", "mknod-char")) {
                    p.add(op, dir + "pfs_new");
                }
                p.add("link", "sleep_time", dir + "pfs_new");
                p.add("rename", "sleep_time", dir + "pfs_new");
            }
            p.add("rename", "sched", "pfs_new");
            p.add("rmdir", "sched");
            p.add("xattrs", "sched");
            p.add("unlink", "sleep_time");
            p.add("setxattr", "sleep_time");
            p.add("xattrs", "sleep_time");          // K15: debugfs keeps none
            p.add("open-r", "sleep_time");
            assertEquals(List.of(), p.differences());
        } finally {
            HostOracle.releaseDebugfs(mountedByUs);
        }
    }

    @Test
    void seekDataHoleAndIoctlAnswerAsTheHostD7Q10() { // D7, Q10: seq_lseek; no ioctl: ENOTTY
        boolean mountedByUs = HostOracle.ensureDebugfs();
        try (TestMount m = TestMount.of(debugfsLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(HOST, m.dir());
            p.add("seek-data-hole", "sleep_time");
            p.add("ioctl", "sleep_time");
            p.add("ioctl", "sched");
            assertEquals(List.of(), p.differencesAs(As.ROOT)); // debugfs is 0700: nobody gets EACCES on both
        } finally {
            HostOracle.releaseDebugfs(mountedByUs);
        }
    }

    @Test
    void filesWithoutPollMethodPollDefaultMaskD5() { // D5, D9
        boolean mountedByUs = HostOracle.ensureDebugfs();
        try (TestMount m = TestMount.of(debugfsLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(HOST, m.dir());
            p.add("poll", "sleep_time");
            p.add("poll-after-read", "sleep_time");
            p.addMapped("poll", "sleep_time", "sched/u64_ro");           // simple_attr: no poll
            p.addMapped("poll-after-read", "sleep_time", "sched/u64_ro");
            assertEquals(List.of(), p.differences());
            assertEquals(List.of("0x5", "0x5"), HostOracle.both(As.ROOT, Probe.of("poll", HOST.resolve("sleep_time")),
                    Probe.of("poll", m.dir().resolve("sched/u64_ro"))));
        } finally {
            HostOracle.releaseDebugfs(mountedByUs);
        }
    }

    @Test
    void removedFilePollsHupOnlyWithAPollMethodD5() throws Exception { // D5, K33
        Debugfs dfs = Debugfs.create(0755);
        var plain = dfs.createU64("plain", 0444, null, new AtomicLong(1));
        var polled = dfs.createFile("polled", 0444, null, new RawOps() {
            @Override
            public int read(OpenFile f, ByteBuffer dst, long pos) {
                return 0;
            }

            @Override
            public int poll(OpenFile f) {
                return PollEvents.POLLIN | PollEvents.POLLRDNORM; // its own answer (K33)
            }
        });
        try (TestMount m = TestMount.of(dfs.tree())) {
            String probe = """
                    import os, select, sys
                    fds = [os.open(n, os.O_RDONLY) for n in ('plain', 'polled')]
                    def masks():
                        out = []
                        for fd in fds:
                            p = select.poll(); p.register(fd, select.POLLIN | select.POLLOUT | select.POLLPRI)
                            out.append(hex(p.poll(0)[0][1]))
                        return ' '.join(out)
                    print(masks(), flush=True)
                    sys.stdin.readline()
                    print(masks(), flush=True)
                    """;
            Process py = new ProcessBuilder("python3", "-c", probe).directory(m.dir().toFile()).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(py.getInputStream()))) {
                assertEquals("0x5 0x1", out.readLine());
                dfs.remove(plain);
                dfs.remove(polled);
                py.getOutputStream().write('\n');
                py.getOutputStream().flush();
                assertEquals("0x5 0x10", out.readLine()); // DEFAULT_POLLMASK; POLLHUP
            } finally {
                py.destroyForcibly().waitFor();
            }
        }
    }
}
