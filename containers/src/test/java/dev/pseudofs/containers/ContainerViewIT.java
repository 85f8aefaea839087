package dev.pseudofs.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drives the container view through real mounts with processes placed in real cgroups (v1 on
 * this machine): each reads its own limits, as LXCFS's users expect.
 */
@Tag("mount")
class ContainerViewIT {
    private static MountedView view;

    @BeforeAll
    static void mount() throws Exception {
        view = MountedView.ofHost();
    }

    @AfterAll
    static void unmount() {
        if (view != null) {
            view.close();
        }
    }

    @Test
    void aProcessInA256MiBCgroupReadsItsLimit() throws Exception {
        try (TestCgroup cg = TestCgroup.memory(256L << 20)) {
            String out = Shell.sh(view.proc(), cg.enter() + "exec head -1 meminfo").ok();
            assertEquals("MemTotal:         262144 kB\n", out);
            // free(1) in a mount namespace with the view's meminfo bound over /proc/meminfo
            String free = Shell.sh(view.proc(), cg.enter() + "exec unshare -m sh -c 'mount --bind "
                    + view.proc().resolve("meminfo") + " /proc/meminfo && free -m'").ok();
            String mem = free.lines().filter(l -> l.startsWith("Mem:")).findFirst().orElseThrow();
            assertEquals("256", mem.split(" +")[1], free);
            // /proc/swaps: this host has no swap, so the cgroup has none either
            assertEquals("Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n",
                    Shell.sh(view.proc(), cg.enter() + "exec cat swaps").ok());
        }
    }

    @Test
    void aCallerWithoutALimitReadsTheHostsOwnFile() {
        // This JVM's memory cgroup has no limit and its cpuset is the root's: cpuinfo and
        // cpu/online are the host's byte for byte; meminfo has the host's lines in the host's
        // order with the host's stable values (the counters move between two reads).
        String probe = "cmp %1$s/cpuinfo /proc/cpuinfo && cmp %2$s /sys/devices/system/cpu/online"
                + " && cut -d: -f1 %1$s/meminfo && grep -E '^(MemTotal|SwapTotal|CommitLimit|Hugepagesize):'"
                + " %1$s/meminfo";
        String online = view.sys().resolve("devices/system/cpu/online").toString();
        String ours = Shell.sh(view.proc(), String.format(probe, view.proc(), online)).ok();
        String host = Shell.sh(view.proc(), String.format(probe, "/proc", online)).ok();
        assertEquals(host, ours);
    }

    @Test
    void aProcessInANewPidNamespaceSeesItsOwnUptime() {
        String out = Shell.sh(view.proc(), "exec unshare -fp --mount-proc sh -c 'sleep 1.5; cat "
                + view.proc().resolve("uptime") + "'").ok();
        double up = Double.parseDouble(out.split(" ")[0]);
        assertTrue(up >= 1.4 && up < 10, out);
        double host = Double.parseDouble(Shell.sh(view.proc(), "cut -d' ' -f1 /proc/uptime").ok().trim());
        assertTrue(host > 60, "the host has been up longer than the namespace: " + host);
    }

    @Test
    void aCpusetOfOneCpuShowsOneProcessor() throws Exception {
        Path cpu = view.sys().resolve("devices/system/cpu");
        try (TestCgroup cg = TestCgroup.cpuset("0")) {
            assertEquals("1\n", Shell.sh(view.proc(), cg.enter() + "exec grep -c ^processor cpuinfo").ok());
            assertEquals("0\n", Shell.sh(view.proc(), cg.enter() + "exec cat " + cpu.resolve("online")).ok());
            assertEquals("cpu0\nonline\n", Shell.sh(view.proc(), cg.enter() + "exec ls " + cpu).ok());
            // cpu1 exists for a root-cgroup caller; right after it looked the name up (the
            // kernel's dentry cache now holds it), the one-CPU caller still cannot reach it, and
            // the root caller still can.
            String probe = "cd " + cpu + " && ls -d cpu1 >/dev/null && echo cpu1 && "
                    + "ls -d cpu1/online >/dev/null 2>&1; test -e cpu1 && echo seen || echo absent";
            assertEquals("cpu1\nseen\n", Shell.sh(view.proc(), probe).ok());
            assertEquals("absent\n", Shell.sh(view.proc(), cg.enter() + "exec sh -c 'test -e "
                    + cpu.resolve("cpu1") + " && echo seen || echo absent'").ok());
            assertEquals("cpu0\n", Shell.sh(view.proc(), cg.enter() + "exec sh -c 'cd " + cpu
                    + " && ls -d cpu*[0-9]'").ok());
            assertEquals("seen\n", Shell.sh(view.proc(), "test -e " + cpu.resolve("cpu1")
                    + " && echo seen || echo absent").ok());
            String stat = Shell.sh(view.proc(), cg.enter() + "exec grep ^cpu stat").ok();
            assertEquals(2, stat.lines().count(), stat);
            assertTrue(stat.lines().toList().get(1).startsWith("cpu0 "), stat);
        }
        int host = Integer.parseInt(Shell.sh(view.proc(), "grep -c ^processor /proc/cpuinfo").ok().trim());
        assertEquals(host, Files.list(cpu).filter(p -> p.getFileName().toString().matches("cpu[0-9]+")).count());
    }

    @Test
    void twoCgroupsReadingInParallelNeverSeeEachOthersLimit() throws Exception {
        // 8 threads (4 per cgroup, in two processes) read meminfo for 10 s; every read must show
        // the reader's own limit.
        String py = "import sys, threading, time\n"
                + "want = sys.argv[1]; bad = []; n = [0]\n"
                + "def run():\n"
                + "    end = time.time() + 10\n"
                + "    while time.time() < end:\n"
                + "        with open('meminfo') as f: first = f.readline()\n"
                + "        n[0] += 1\n"
                + "        if first.split()[1] != want: bad.append(first)\n"
                + "ts = [threading.Thread(target=run) for _ in range(4)]\n"
                + "[t.start() for t in ts]; [t.join() for t in ts]\n"
                + "print(n[0], len(bad), bad[:3])\n";
        try (TestCgroup a = TestCgroup.memory(256L << 20); TestCgroup b = TestCgroup.memory(512L << 20)) {
            Path script = Files.createTempFile("leak", ".py");
            Files.writeString(script, py);
            String out = Shell.sh(view.proc(), "sh -c '" + a.enter() + "exec python3 " + script + " 262144' > "
                    + script + ".a & sh -c '" + b.enter() + "exec python3 " + script + " 524288' > "
                    + script + ".b & wait; cat " + script + ".a " + script + ".b").ok();
            Files.deleteIfExists(script);
            Files.deleteIfExists(Path.of(script + ".a"));
            Files.deleteIfExists(Path.of(script + ".b"));
            for (String line : out.lines().toList()) {
                String[] f = line.split(" ", 3);
                assertTrue(Integer.parseInt(f[0]) > 100, out);
                assertEquals("0", f[1], out);
            }
            assertEquals(2, out.lines().count(), out);
        }
    }
}
