package dev.pseudofs.core.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.MountException;
import dev.pseudofs.core.Tree;
import dev.pseudofs.core.testing.MountMain;
import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Mounting, unmounting, busy and stale mount points. */
class MountLifecycleIT {
    private static Tree hello() {
        Tree tree = Tree.create();
        tree.root().createFile("hello", 0444, FileOps.show(b -> b.append("hello\n")));
        return tree;
    }

    @Test
    void aStaleMountLeftByAKilledServerIsRecovered() throws Exception {
        Path dir = Files.createTempDirectory("pseudofs-stale-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MountMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.equals("mounted")) {
                // skip log lines
            }
            assertEquals("mounted", line);
            assertEquals("hello\n", Shell.sh(dir, "cat hello").ok());
            server.destroyForcibly(); // SIGKILL: no unmount happens
            server.waitFor(10, TimeUnit.SECONDS);
            Shell.Result stale = Shell.run(Path.of("/"), List.of("stat", dir.toString()));
            assertTrue(stale.err().contains("Transport endpoint is not connected"), stale.err());
            try (Mount m = Mount.mount(hello(), dir)) {
                assertEquals("hello\n", Shell.sh(dir, "cat hello").ok());
            }
            assertTrue(!MountTable.isMountPoint(dir), "unmounted on close");
        } finally {
            server.destroyForcibly();
            Shell.run(Path.of("/"), List.of("fusermount", "-u", "-z", dir.toString()));
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aBusyMountPointGetsAClearError() {
        try (TestMount m = TestMount.of(hello())) {
            MountException e = assertThrows(MountException.class, () -> Mount.mount(hello(), m.dir()));
            assertTrue(e.getMessage().contains("busy"), e.getMessage());
            assertEquals("hello\n", m.sh("cat hello").ok()); // the first mount is untouched
        }
    }

    @Test
    void closeUnmountsAndMountsAppearInProcMounts() throws Exception {
        Path dir;
        try (TestMount m = TestMount.of(hello())) {
            dir = m.dir();
            String line = Shell.sh(Path.of("/"), "grep ' " + dir + " ' /proc/mounts").ok();
            assertTrue(line.startsWith("pseudofs " + dir + " fuse.pseudofs "), line);
        }
        assertEquals(1, Shell.sh(Path.of("/"), "grep -q ' " + dir + " ' /proc/mounts").exit());
    }

    @Test
    void aMountUnmountedFromOutsideEndsItsLoop() throws Exception {
        try (TestMount m = TestMount.of(hello())) {
            assertTrue(m.mount().isAlive());
            Shell.run(Path.of("/"), List.of("fusermount", "-u", m.dir().toString())).ok();
            // the kernel's read of /dev/fuse fails with ENODEV: the loop ends and says so
            m.mount().whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(!MountTable.isMountPoint(m.dir()));
        }
    }

    @Test
    void closingABusyMountDetachesItAtOnceAndItsOpenFileIsStillServed() throws Exception {
        try (TestMount m = TestMount.of(hello())) {
            // a process holding the file open keeps the mount busy: close detaches it lazily
            Process holder = new ProcessBuilder("bash", "-c", "exec 3<hello; read -r l <&3; echo \"$l\";"
                    + " read -r _; cat /dev/fd/3")
                    .directory(m.dir().toFile()).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
                assertEquals("hello", out.readLine());
                long t0 = System.nanoTime();
                m.mount().close();
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(9), "close waited for the busy mount");
                assertTrue(!MountTable.isMountPoint(m.dir()), "detached");
                assertTrue(!m.mount().whenEnded().toCompletableFuture().isDone(), "still serving the open file");
                holder.getOutputStream().write('\n');
                holder.getOutputStream().flush();
                assertEquals("hello", out.readLine()); // a new open through the held file, served
                assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
                // the last file closed, the kernel ends the loop
                m.mount().whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } finally {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void aMissingMountPointIsRefusedClearly() {
        MountException e = assertThrows(MountException.class,
                () -> Mount.mount(hello(), Path.of("/nonexistent/pseudofs")));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }
}
