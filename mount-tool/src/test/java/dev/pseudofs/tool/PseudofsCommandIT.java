package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the {@code pseudofs} command as an operator would, with shell tools only: background
 * start, umount, SIGTERM and SIGKILL of the server, busy mount points.
 */
class PseudofsCommandIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private Path root;

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("pseudofs-cmd-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        sh("./pseudofs umount " + root + " 2>/dev/null; true");
        Shell.run(REPO, java.util.List.of("rm", "-rf", root.toString()));
    }

    private Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script); // the build made the jar
    }

    @Test
    void backgroundMountAnswersAtOnceAndUmountStopsIt() {
        String out = sh("./pseudofs mount --root " + root + " --only proc,sys --demo --background").ok();
        assertTrue(out.startsWith("pseudofs: serving under " + root), out);
        assertEquals("The system is not running\n", sh("cat " + root + "/sys/kernel/my_state/system_enabled").ok());
        assertEquals("2\n", sh("grep -c ' " + root + "/' /proc/mounts").ok()); // proc and sys
        sh("./pseudofs umount " + root).ok();
        assertEquals("0\n", sh("grep -c ' " + root + "/' /proc/mounts; true").out());
    }

    @Test
    void aKilledServerIsRecoveredByTheNextMount() {
        sh("./pseudofs mount --root " + root + " --only proc,sys --demo --background").ok();
        sh("kill -9 $(cat " + PidFile.of(root) + ")").ok();
        assertTrue(sh("sleep 0.5; stat " + root + "/sys").err().contains("Transport endpoint is not connected"));
        sh("./pseudofs mount --root " + root + " --only proc,sys --demo --background").ok();
        assertEquals("The system is not running\n", sh("cat " + root + "/sys/kernel/my_state/system_enabled").ok());
    }

    @Test
    void sigtermUnmountsEverythingAndExitsZero() {
        Shell.Result r = sh("./pseudofs mount --root " + root + " --only proc,sys & pid=$!;"
                + " for i in $(seq 100); do grep -q ' " + root + "/sys ' /proc/mounts && break; sleep 0.1; done;"
                + " kill -TERM $pid; timeout 20 tail -s 0.01 --pid=$pid -f /dev/null; kill -9 $pid 2>/dev/null;"
                + " wait $pid; echo exit=$?; grep -c ' " + root + "/' /proc/mounts");
        assertTrue(r.out().contains("exit=0\n0\n"), r.out() + r.err());
    }

    @Test
    void aBusyMountPointGetsOneClearLine() throws Exception {
        sh("./pseudofs mount --root " + root + " --only proc --background").ok();
        ProcessHandle first = PidFile.read(root).orElseThrow();
        Shell.Result r = sh("./pseudofs mount --root " + root + " --only proc 2>&1 >/dev/null | grep -v INFO");
        assertTrue(r.out().startsWith("pseudofs: a pseudofs server (pid ") && r.out().contains("already serves " + root)
                && r.out().trim().lines().count() == 1, r.out());
        // The failed mount left the running server's pid file alone (it used to delete it on
        // its way out, so umount could not find the server, which then ran on for ever).
        assertEquals(Optional.of(first.pid()), PidFile.read(root).map(ProcessHandle::pid));
        sh("./pseudofs umount " + root).ok();
        assertTrue(first.onExit().get(10, TimeUnit.SECONDS) != null && !first.isAlive());
        Shell.Result bad = sh("./pseudofs mount --root " + root + " --only nothing");
        assertTrue(bad.exit() != 0 && bad.err().contains("unknown view nothing"), bad.err());
    }
}
