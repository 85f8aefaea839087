package dev.pseudofs.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caches a process's cgroups only for that same process (a fake /proc). */
class MembershipsTest {
    @TempDir
    Path proc;

    private void process(int pid, String memory) throws Exception {
        Path d = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(d.resolve("cgroup"), "4:memory:" + memory + "\n0::/\n");
    }

    @Test
    void aNewProcessWithTheSamePidNeverGetsTheOldOnesCgroups() throws Exception {
        Memberships m = new Memberships(proc, Long.MAX_VALUE / 2); // no expiry: identity alone decides
        process(42, "/a");
        assertEquals(Map.of("memory", "/a", "", "/"), m.of(42));
        // The same process, read again within the TTL: the remembered answer (no new read).
        Files.writeString(proc.resolve("42/cgroup"), "4:memory:/moved\n0::/\n");
        assertEquals("/a", m.of(42).get("memory"));
        // The process exits and another gets pid 42: a new /proc/42, another inode. (A pid
        // comes back only after hundreds of forks at least: more than 1 ms.)
        Thread.sleep(Memberships.SAME_PROCESS_NANOS / 1_000_000 + 1);
        Path old = proc.resolve("42");
        Files.delete(old.resolve("cgroup"));
        Files.delete(old);
        Files.createFile(proc.resolve("placeholder")); // the old inode number is not reused at once
        process(42, "/b");
        assertEquals("/b", m.of(42).get("memory"));
    }

    @Test
    void aMoveShowsOnceTheEntryExpired() throws Exception {
        Memberships m = new Memberships(proc, 0);
        process(42, "/a");
        assertEquals("/a", m.of(42).get("memory"));
        Files.writeString(proc.resolve("42/cgroup"), "4:memory:/c\n0::/\n");
        assertEquals("/c", m.of(42).get("memory"));
    }

    @Test
    void aProcessThatIsGoneHasNoCgroups() {
        assertEquals(Map.of(), new Memberships(proc).of(7));
    }
}
