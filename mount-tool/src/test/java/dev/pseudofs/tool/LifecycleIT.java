package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The server's life with real processes: it stops at SIGTERM at once even when every view is
 * busy and a poller is blocked, and it stops by itself, cleaning up, once its views are gone.
 */
class LifecycleIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    // Blocks in poll(POLLPRI) on argv[1] after one read (the sysfs_notify protocol, K30, K31),
    // then prints the mask it woke with.
    private static final String POLLER = "import select,sys\n"
            + "f=open(sys.argv[1],'rb',buffering=0); f.read()\n"
            + "p=select.poll(); p.register(f, select.POLLPRI)\n"
            + "print('ready', flush=True)\n"
            + "print('mask=%#x' % p.poll()[0][1], flush=True)\n";
    private Path root;
    private Path work;
    private Optional<ProcessHandle> server = Optional.empty();

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("pseudofs-life-");
        work = Files.createTempDirectory("pseudofs-life-work-");
        Files.writeString(work.resolve("poller.py"), POLLER);
    }

    @AfterEach
    void cleanUp() throws Exception {
        server.ifPresent(ProcessHandle::destroyForcibly); // only when a test failed half-way
        if (server.isPresent()) {
            server.get().onExit().get(10, TimeUnit.SECONDS);
        }
        sh("./pseudofs umount " + root + " 2>/dev/null; rm -rf " + root + " " + work + "; true");
    }

    private Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script); // the build made the jar
    }

    private void startInBackground(String views) {
        sh("./pseudofs mount --root " + root + " --only " + views + " --demo --background").ok();
        server = PidFile.read(root);
        assertTrue(server.isPresent(), "no pid file after mount --background");
    }

    // Waits up to 10 s for the server to exit; returns whether it did.
    private boolean serverExits() throws Exception {
        try {
            server.get().onExit().get(10, TimeUnit.SECONDS);
            server = Optional.empty();
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private int mountsUnderRoot() {
        return Integer.parseInt(sh("grep -c ' " + root + "/' /proc/mounts; true").out().trim());
    }

    @Test
    void sigtermWithEveryViewBusyAndABlockedPollerStopsAtOnce() { // K29, K33
        String r = root.toString();
        Shell.Result res = sh("./pseudofs mount --root " + r + " --demo >" + work + "/log 2>&1 & pid=$!;"
                + " for i in $(seq 300); do [ -e " + r + "/sys/kernel/config/01-childless/description ] && break; sleep 0.1; done;"
                // a file held open in each of the four views
                + " exec 3<" + r + "/proc/uptime 4<" + r + "/sys/kernel/my_state/clock"
                + " 5<" + r + "/sys/kernel/debug/my_state/enable 6<" + r + "/sys/kernel/config/01-childless/description;"
                + " python3 " + work + "/poller.py " + r + "/sys/kernel/my_state/clock >" + work + "/poll &"
                + " poller=$!;"
                + " for i in $(seq 300); do grep -q ready " + work + "/poll && break; sleep 0.1; done;"
                + " sleep 0.2;" // the poller is in poll() by now
                + " t0=$(date +%s%N); kill -TERM $pid; timeout 20 tail -s 0.01 --pid=$pid -f /dev/null;"
                + " t1=$(date +%s%N); kill -9 $pid 2>/dev/null; wait $pid; rc=$?;"
                + " echo exit=$rc ms=$(( (t1 - t0) / 1000000 ));"
                + " timeout 5 tail --pid=$poller -f /dev/null; kill $poller 2>/dev/null;"
                + " grep mask " + work + "/poll;"
                + " echo mounts=$(grep -c ' " + r + "/' /proc/mounts)");
        String out = res.out();
        assertTrue(out.contains("exit=0 "), out + res.err());
        long ms = Long.parseLong(out.replaceAll("(?s).*ms=(\\d+).*", "$1"));
        assertTrue(ms < 5000, "SIGTERM took " + ms + " ms"); // the issue asks for 2 s; measured ~0.6 s
        // The poller woke before the server went, with what kernfs answers for a removed node:
        // POLLERR|POLLPRI plus the default mask, of which it asked for POLLPRI (and ERR always).
        assertTrue(out.contains("mask=0xa\n"), out);
        assertTrue(out.contains("mounts=0"), out);
    }

    // A caller's descriptors other than 0-2 (here 7 and 8, as a test harness's pipes would be)
    // do not live on in the detached server: one copy of a pipe kept open there would make a
    // reader of that pipe (x=$(...)) wait for the server's end.
    @Test
    void aBackgroundServerKeepsNoneOfItsCallersOtherDescriptors() throws Exception {
        Path marker = Files.writeString(work.resolve("marker"), "x");
        sh("exec 7<" + marker + " 8>>" + marker + "; ./pseudofs mount --root " + root
                + " --only sys --demo --background").ok();
        server = PidFile.read(root);
        assertTrue(server.isPresent(), "no pid file after mount --background");
        String fds = sh("ls -l /proc/" + server.get().pid() + "/fd").ok();
        assertTrue(fds.contains("/dev/fuse"), fds);
        assertFalse(fds.contains(marker.toString()), fds);
        assertFalse(sh("cat " + root + "/sys/kernel/my_state/system_enabled").ok().isEmpty()); // and it serves
    }

    @Test
    void aServerWhoseViewsAreUnmountedFromOutsideStopsAndCleansUp() throws Exception {
        startInBackground("proc,sys");
        sh("umount -l " + root + "/sys && fusermount -u " + root + "/proc").ok();
        assertTrue(serverExits(), "the server kept running after its views were unmounted");
        assertFalse(Files.exists(PidFile.of(root)), "pid file left behind");
        assertFalse(Files.exists(Control.socketOf(root)), "control socket left behind");
        assertEquals(0, mountsUnderRoot());
        String log = Files.readString(PidFile.logOf(root));
        assertTrue(log.contains("every view under " + root + " is gone"), log);
    }

    @Test
    void aServerWhoseRootIsDeletedStopsAndCleansUp() throws Exception {
        startInBackground("proc,sys");
        // From a mount namespace where the views are not mounted, the root can be deleted: the
        // kernel then detaches the views everywhere.
        sh("unshare -m --propagation private bash -c 'umount -l " + root + "/sys " + root + "/proc"
                + " && rm -rf " + root + "'").ok();
        assertFalse(Files.exists(root));
        assertTrue(serverExits(), "the server kept running after its root was deleted");
        assertFalse(Files.exists(PidFile.of(root)), "pid file left behind");
        assertFalse(Files.exists(Control.socketOf(root)), "control socket left behind");
        assertEquals(0, mountsUnderRoot());
    }

    @Test
    void oneViewGoneLeavesTheOthersServed() throws Exception {
        startInBackground("proc,sys");
        sh("fusermount -u " + root + "/proc").ok();
        assertFalse(server.get().onExit().isDone());
        Thread.sleep(300);
        assertTrue(server.get().isAlive());
        assertEquals("The system is not running\n",
                sh("cat " + root + "/sys/kernel/my_state/system_enabled").ok());
        sh("./pseudofs umount " + root).ok();
        assertTrue(serverExits());
        assertEquals(0, mountsUnderRoot());
    }
}
