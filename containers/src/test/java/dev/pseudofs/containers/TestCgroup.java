package dev.pseudofs.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Is a real cgroup v1 made for one test under a unique name and removed by close: processes
 * still in it are moved to its parent first, so the rmdir succeeds.
 */
final class TestCgroup implements AutoCloseable {
    private final Path dir;

    private TestCgroup(Path dir) {
        this.dir = dir;
    }

    /** Creates a memory cgroup below this JVM's own (v1) with {@code limit} bytes. */
    static TestCgroup memory(long limit) throws IOException {
        TestCgroup cg = create(Path.of("/sys/fs/cgroup/memory"), "memory");
        Files.writeString(cg.dir.resolve("memory.limit_in_bytes"), Long.toString(limit));
        return cg;
    }

    /** Creates a cpuset cgroup below this JVM's own (v1) holding {@code cpus} and node 0. */
    static TestCgroup cpuset(String cpus) throws IOException {
        TestCgroup cg = create(Path.of("/sys/fs/cgroup/cpuset"), "cpuset");
        Files.writeString(cg.dir.resolve("cpuset.cpus"), cpus);
        Files.writeString(cg.dir.resolve("cpuset.mems"),
                Files.readString(cg.dir.getParent().resolve("cpuset.mems")).trim());
        return cg;
    }

    /** Creates a cgroup below this JVM's own in the unified (v2) hierarchy, for its PSI files. */
    static TestCgroup unified() throws IOException {
        Path v2 = Path.of("/sys/fs/cgroup");
        return create(Files.exists(v2.resolve("cgroup.controllers")) ? v2 : v2.resolve("unified"), "");
    }

    private static TestCgroup create(Path mount, String controller) throws IOException {
        String own = "/";
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f[1].equals(controller)) {
                own = f[2];
            }
        }
        Path dir = mount.resolve(own.substring(1)).resolve("pseudofs-test-" + UUID.randomUUID());
        Files.createDirectory(dir);
        return new TestCgroup(dir);
    }

    /** Returns the shell command that moves the shell itself into this cgroup. */
    String enter() {
        return "echo $$ > " + dir.resolve("cgroup.procs") + "; ";
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (!Files.isDirectory(dir)) {
            return; // the test removed it itself
        }
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    try {
                        Files.writeString(dir.getParent().resolve("cgroup.procs"), pid);
                    } catch (IOException gone) {
                        // exited meanwhile
                    }
                }
                try {
                    Files.delete(dir);
                    return;
                } catch (IOException busy) {
                    Thread.sleep(100);
                }
            }
            throw new IOException("cannot remove " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
