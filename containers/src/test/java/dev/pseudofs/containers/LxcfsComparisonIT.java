package dev.pseudofs.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.fuse.Mount;
import dev.pseudofs.core.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads the same files as the same caller through LXCFS ({@code lxcfs -f} on a private mount
 * point, never its service) and through the container view: what LXCFS derives
 * deterministically must agree. Runs where the Debian package lxcfs is installed (the Maven
 * profile {@code lxcfs}).
 */
@Tag("mount")
class LxcfsComparisonIT {
    private static MountedView view;
    private static Process lxcfs;
    private static Path lx;

    @BeforeAll
    static void start() throws Exception {
        view = MountedView.ofHost();
        lx = Files.createTempDirectory("lxcfs-");
        lxcfs = new ProcessBuilder("lxcfs", "-f", "-p", lx + ".pid", lx.toString())
                .redirectErrorStream(true).redirectOutput(Path.of(lx + ".log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(lx.resolve("proc/meminfo")); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(lx.resolve("proc/meminfo")), "lxcfs did not start: " + lx + ".log");
    }

    @AfterAll
    static void stop() throws Exception {
        try (MountedView v = view) {
            if (lxcfs != null) {
                lxcfs.destroy(); // SIGTERM: lxcfs unmounts itself
                if (!lxcfs.waitFor(5, TimeUnit.SECONDS)) {
                    lxcfs.destroyForcibly().waitFor();
                }
            }
            if (Mount.isMounted(lx)) {
                Mount.detach(lx);
            }
            Files.deleteIfExists(lx);
            Files.deleteIfExists(Path.of(lx + ".pid"));
            Files.deleteIfExists(Path.of(lx + ".log"));
        }
    }

    // Runs script in a shell placed in both cgroups; %1$s is LXCFS's root, %2$s ours (proc, sys).
    private static List<String> both(TestCgroup mem, TestCgroup cpus, String file) {
        String lxFile = lx.resolve(file).toString();
        String ours = file.startsWith("proc/") ? view.proc().resolve(file.substring(5)).toString()
                : view.sys().resolve(file.substring(4)).toString();
        String out = Shell.sh(view.proc(), mem.enter() + cpus.enter() + "cat " + lxFile + "; echo ====; cat "
                + ours).ok();
        int at = out.indexOf("====\n");
        return List.of(out.substring(0, at), out.substring(at + 5));
    }

    @Test
    void deterministicFilesAgreeForACallerInALimitedCgroup() throws Exception {
        try (TestCgroup mem = TestCgroup.memory(256L << 20); TestCgroup cpus = TestCgroup.cpuset("1")) {
            for (String file : List.of("proc/cpuinfo", "proc/swaps", "sys/devices/system/cpu/online")) {
                List<String> r = both(mem, cpus, file);
                assertEquals(r.get(0), r.get(1), file);
            }
            List<String> m = both(mem, cpus, "proc/meminfo");
            for (String key : List.of("MemTotal", "SwapTotal", "SwapFree", "Buffers", "SwapCached")) {
                assertEquals(line(m.get(0), key), line(m.get(1), key), key);
            }
            // usage moves between the two reads by a few pages at most
            long lxFree = kb(line(m.get(0), "MemFree"));
            long ourFree = kb(line(m.get(1), "MemFree"));
            assertTrue(Math.abs(lxFree - ourFree) <= 2048, m.get(0) + "\n" + m.get(1));
            assertEquals(262144, kb(line(m.get(1), "MemTotal")));
        }
    }

    @Test
    void uptimeOfANewPidNamespaceAgreesWithinASecond() {
        String out = Shell.sh(view.proc(), "exec unshare -fp --mount-proc sh -c 'sleep 1; cat "
                + lx.resolve("proc/uptime") + " " + view.proc().resolve("uptime") + "'").ok();
        String[] lines = out.split("\n");
        double theirs = Double.parseDouble(lines[0].split(" ")[0]);
        double ours = Double.parseDouble(lines[1].split(" ")[0]);
        assertTrue(Math.abs(theirs - ours) < 1.0 && ours >= 0.9 && ours < 10, out);
    }

    private static String line(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + ":")).findFirst().orElse("(none)");
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
