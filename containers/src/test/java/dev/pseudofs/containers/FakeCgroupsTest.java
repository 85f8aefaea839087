package dev.pseudofs.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the container files against fake cgroupfs trees in the v1 and v2 layouts. */
class FakeCgroupsTest {
    private static final String MEMINFO = "MemTotal:        1048576 kB\nMemFree:          900000 kB\n"
            + "MemAvailable:     950000 kB\nCached:            10000 kB\nSwapTotal:        524288 kB\n"
            + "SwapFree:          524288 kB\nHugepagesize:       2048 kB\n";
    private static final String CPUINFO = "processor\t: 0\nmodel name\t: A\n\nprocessor\t: 1\nmodel name\t: A\n\n"
            + "processor\t: 2\nmodel name\t: A\n\nprocessor\t: 3\nmodel name\t: A\n\n";
    private static final String STAT = "cpu  40 0 40 400 0 0 0 0 0 0\ncpu0 10 0 10 100 0 0 0 0 0 0\n"
            + "cpu1 10 0 10 100 0 0 0 0 0 0\ncpu2 10 0 10 100 0 0 0 0 0 0\ncpu3 10 0 10 100 0 0 0 0 0 0\n"
            + "intr 5\nbtime 7\n";

    @TempDir
    Path tmp;

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Map<String, String> v1(String memLimitOfChild, boolean withMemory) throws IOException {
        Path cg = tmp.resolve("cg");
        if (withMemory) {
            write(cg.resolve("memory/box/memory.limit_in_bytes"), memLimitOfChild + "\n");
            write(cg.resolve("memory/box/memory.usage_in_bytes"), "104857600\n");
            write(cg.resolve("memory/box/memory.stat"), "total_cache 20971520\ntotal_active_file 10485760\n");
            write(cg.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        }
        write(cg.resolve("cpuset/cpuset.effective_cpus"), "0-3\n");
        write(cg.resolve("cpuset/box/cpuset.effective_cpus"), "1,3\n");
        write(cg.resolve("cpu,cpuacct/box/cpuacct.usage_all"),
                "cpu user system\n0 0 0\n1 50000000 50000000\n2 0 0\n3 100000000 0\n");
        return Map.of("memory", "/box", "cpuset", "/box", "cpuacct", "/box", "cpu", "/box");
    }

    @Test
    void v1MemoryLimitReplacesTheLimitAndUsageLines() throws IOException {
        Map<String, String> m = v1("268435456", true);
        Cgroups cg = Cgroups.at(tmp.resolve("cg"));
        MemoryCgroup mem = MemoryCgroup.read(cg, cg.dir("memory", m));
        String out = new String(MemoryFiles.meminfo(MEMINFO.getBytes(), mem), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("MemTotal:         262144 kB\nMemFree:          159744 kB\n"
                + "MemAvailable:     169984 kB\nCached:            20480 kB\n"), out);
        // no memsw accounting: the swap the host has; the host's other lines unchanged
        assertTrue(out.endsWith("SwapTotal:        524288 kB\nSwapFree:         524288 kB\nHugepagesize:       2048 kB\n"), out);
    }

    @Test
    void aLimitAboveTheHostsMemoryLeavesTheHostsFile() throws IOException {
        Map<String, String> m = v1(Long.toString(4L << 30), true); // 4 GiB > the host's 1 GiB
        Cgroups cg = Cgroups.at(tmp.resolve("cg"));
        MemoryCgroup mem = MemoryCgroup.read(cg, cg.dir("memory", m));
        assertArrayEquals(MEMINFO.getBytes(), MemoryFiles.meminfo(MEMINFO.getBytes(), mem));
    }

    @Test
    void aMissingMemoryControllerLeavesTheHostsFile() throws IOException {
        Map<String, String> m = v1("268435456", false);
        Cgroups cg = Cgroups.at(tmp.resolve("cg"));
        assertNull(cg.dir("memory", m));
        assertArrayEquals(MEMINFO.getBytes(), MemoryFiles.meminfo(MEMINFO.getBytes(), null));
    }

    @Test
    void v1CpusetAndCpuacctRestrictCpuinfoAndStat() throws IOException {
        Map<String, String> m = v1("268435456", true);
        Cgroups cg = Cgroups.at(tmp.resolve("cg"));
        var cpus = CpuFiles.cpus(cg, cg.dir("cpuset", m));
        assertEquals("1,3", CpuList.format(cpus));
        assertEquals("processor\t: 0\nmodel name\t: A\n\nprocessor\t: 1\nmodel name\t: A\n\n",
                new String(CpuFiles.cpuinfo(CPUINFO.getBytes(), cpus), StandardCharsets.UTF_8));
        long[][] usage = CpuFiles.usage(cg, cg.dir("cpuacct", m), cpus);
        // cpu1: 5 user + 5 system ticks of the cgroup; the other 10 busy ticks count as idle
        assertEquals("cpu  15 0 5 220 0 0 0 0 0 0\ncpu1 5 0 5 110 0 0 0 0 0 0\ncpu3 10 0 0 110 0 0 0 0 0 0\n"
                + "intr 5\nbtime 7\n", new String(CpuFiles.stat(STAT.getBytes(), cpus, usage), StandardCharsets.UTF_8));
    }

    private Cgroups v2() throws IOException {
        Path root = tmp.resolve("v2");
        write(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        write(root.resolve("kube/memory.max"), "134217728\n");           // the parent's limit: 128 MiB
        write(root.resolve("kube/pod/memory.max"), "max\n");             // the child: none of its own
        write(root.resolve("kube/pod/memory.current"), "33554432\n");
        write(root.resolve("kube/pod/memory.stat"), "file 4194304\nactive_file 1048576\ninactive_file 1048576\n"
                + "slab_reclaimable 1048576\nanon 1000\n");
        write(root.resolve("kube/pod/memory.swap.max"), "0\n");
        write(root.resolve("kube/pod/memory.swap.current"), "0\n");
        write(root.resolve("kube/pod/cpuset.cpus.effective"), "2\n");
        write(root.resolve("free/memory.max"), "max\n");
        write(root.resolve("free/memory.current"), "1000\n");
        return Cgroups.at(root);
    }

    @Test
    void v2MaxMeansNoLimitAndTheAncestorsLimitCounts() throws IOException {
        Cgroups cg = v2();
        MemoryCgroup pod = MemoryCgroup.read(cg, cg.dir("memory", Map.of("", "/kube/pod")));
        assertEquals(134217728L, pod.limit());
        String out = new String(MemoryFiles.meminfo(MEMINFO.getBytes(), pod), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("MemTotal:         131072 kB\nMemFree:           98304 kB\n"
                + "MemAvailable:     101376 kB\nCached:             4096 kB\n"), out);
        assertTrue(out.contains("SwapTotal:             0 kB\nSwapFree:              0 kB\n"), out); // swap.max 0
        MemoryCgroup free = MemoryCgroup.read(cg, cg.dir("memory", Map.of("", "/free")));
        assertEquals(Long.MAX_VALUE, free.limit());
        assertArrayEquals(MEMINFO.getBytes(), MemoryFiles.meminfo(MEMINFO.getBytes(), free));
        assertEquals("2", CpuList.format(CpuFiles.cpus(cg, cg.dir("cpuset", Map.of("", "/kube/pod")))));
    }

    @Test
    void v2WithoutTheMemoryControllerHasNoMemoryCgroup() throws IOException {
        Path root = tmp.resolve("v2b");
        write(root.resolve("cgroup.controllers"), "cpu pids\n");
        Cgroups cg = Cgroups.at(root);
        assertNull(cg.dir("memory", Map.of("", "/x")));
    }

    @Test
    void mountinfoFindsV1ControllersAndTheUnifiedHierarchy() throws IOException {
        Path mi = tmp.resolve("mountinfo");
        write(mi, "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
                + "31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
                + "34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
                + "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n");
        Cgroups cg = Cgroups.fromMountinfo(mi);
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct/a"), cg.dir("cpuacct", Map.of("cpuacct", "/a", "cpu", "/a")));
        assertEquals(Path.of("/sys/fs/cgroup/memory/b/c"), cg.dir("memory", Map.of("memory", "/b/c")));
        assertEquals(Path.of("/sys/fs/cgroup/unified/d"), cg.unifiedDir(Map.of("", "/d")));
        assertTrue(cg.isUnified("pids"));
    }

    @Test
    void cpuListsRoundTrip() {
        assertEquals("0-3,5,7-8", CpuList.format(CpuList.parse("0-3,5,7-8\n")));
        assertEquals("", CpuList.format(CpuList.parse("\n")));
    }
}
