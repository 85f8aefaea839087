package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.tool.testmodules.GreedyModule;
import dev.pseudofs.tool.testmodules.HelloModule;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The control channel of a running server, driven with the pseudofs command as root and as
 * nobody (uid 65534): who it admits, the modes of its files, umount's choice of the process
 * it signals, one server per root, and a handler's OutOfMemoryError. Each test has its own run
 * directory (PSEUDOFS_RUN) below a temporary directory.
 */
class ControlChannelIT {
    private static final Path REPO = CliSandbox.REPO;
    @RegisterExtension
    final CliSandbox box = new CliSandbox("pseudofs-ctl-");
    private final Path base = box.base;
    private final Path root = box.root;
    private final Path run = box.run;

    private Shell.Result sh(String script) {
        return box.sh(script);
    }

    private Shell.Result asNobody(String script) {
        return box.asNobody(script);
    }

    private Path file(String suffix) {
        return box.file(suffix);
    }

    private String mode(Path p) {
        return sh("stat -c %a " + p).ok().trim();
    }

    private long serverPid() throws IOException {
        return Long.parseLong(Files.readString(file(".pid")).trim());
    }

    private static void assertOneLine(String expected, Shell.Result r, int exit) {
        assertEquals(expected + "\n", r.err(), "stderr");
        assertEquals(exit, r.exit(), r.err());
    }

    @Test
    void filesAreOwnerOnlyEvenUnderUmask000AndEachRunStartsAFreshLog() throws IOException {
        sh("umask 000; ./pseudofs mount --root " + root + " --only proc,sys --demo --verbose --background").ok();
        assertEquals("700", mode(run));
        for (String f : List.of(".sock", ".pid", ".lock", ".log")) {
            assertEquals("600", mode(file(f)), f);
        }
        assertTrue(Files.readString(file(".log")).contains("mounted pseudofs-proc"));
        sh("./pseudofs umount " + root).ok();
        sh("umask 000; ./pseudofs mount --root " + root + " --only proc --background").ok();
        assertEquals("600", mode(file(".log")));
        assertEquals("600", mode(file(".log.1")));
        assertTrue(Files.readString(file(".log.1")).contains("mounted pseudofs-sys"), "the previous run's log");
        assertFalse(Files.readString(file(".log")).contains("pseudofs-sys"), "a fresh log");
    }

    /**
     * Without PSEUDOFS_RUN a user other than root keeps its servers' files in a directory of its
     * own (under XDG_RUNTIME_DIR here), so that nobody can mount, control and unmount its own
     * server; root's /run/pseudofs is not asked. The mount runs where /dev/fuse is open to every
     * user: a private mount namespace binds a 0666 node of the device over it.
     */
    @Test
    void nobodyWithoutPseudofsRunKeepsItsFilesInADirectoryOfItsOwn() throws IOException {
        // short, as a runtime directory is (/run/user/UID): the socket's path must fit 107 bytes
        Path xdg = Files.createTempDirectory(Path.of("/tmp"), "pfx-");
        try {
            nobodyMountsWith(xdg, base.resolve("m"));
            // root's server is out of nobody's reach: its umount finds no server of its own and
            // cannot unmount root's views, and says so
            sh("chmod 755 " + root + "; ./pseudofs mount --root " + root + " --only sys --demo --background").ok();
            Shell.Result r = Shell.sh(REPO, "setpriv --reuid=65534 --regid=65534 --clear-groups env -u PSEUDOFS_RUN"
                    + " PSEUDOFS_NO_BUILD=1 XDG_RUNTIME_DIR=" + xdg + " ./pseudofs umount " + root);
            assertOneLine("pseudofs: cannot unmount " + root + "/sys: fusermount refused (only the user who"
                    + " mounted it, or root, can)", r, 1);
            assertTrue(ProcessHandle.of(serverPid()).isPresent(), "nobody's umount stopped nothing");
        } finally {
            Shell.run(REPO, List.of("rm", "-rf", xdg.toString()));
        }
    }

    private void nobodyMountsWith(Path xdg, Path mnt) {
        sh("chmod 755 " + base + "; mkdir -m 700 " + mnt + "; chown 65534:65534 " + xdg + " " + mnt).ok();
        String nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups env -u PSEUDOFS_RUN PSEUDOFS_NO_BUILD=1"
                + " XDG_RUNTIME_DIR=" + xdg + " ./pseudofs ";
        Shell.Result none = Shell.sh(REPO, nobody + "lsmod " + mnt);
        assertOneLine("pseudofs: no pseudofs server is running under " + mnt, none, 1);
        Path fuse = base.resolve("fuse");
        String script = "set -e; mknod " + fuse + " c $((0x$(stat -c %t /dev/fuse))) $((0x$(stat -c %T /dev/fuse)))\n"
                + "chmod 666 " + fuse + "; mount --bind " + fuse + " /dev/fuse\n"
                + nobody + "mount --root " + mnt + " --only sys --demo --background\n"
                + "setpriv --reuid=65534 --regid=65534 --clear-groups cat " + mnt + "/sys/module/demo/parameters/count\n"
                // the server's own user is not held to a share of open files (OpenLimitsIT)
                + "setpriv --reuid=65534 --regid=65534 --clear-groups bash -c 'ulimit -n $(ulimit -Hn); /usr/bin/python3 -c \""
                + "import os; fds = [os.open(\\\"" + mnt + "/sys/module/demo/parameters/count\\\", os.O_RDONLY) for i in range(2100)];"
                + " print(sum(len(os.read(f, 10)) > 0 for f in fds))\"'\n"
                + "stat -c '%a %u' " + xdg + "/pseudofs; ls " + xdg + "/pseudofs | sed 's/.*[.]//' | sort | tr '\\n' ' '; echo\n"
                + nobody + "umount " + mnt + "\n"
                + "grep -c ' " + mnt + "/sys ' /proc/self/mounts || true\n";
        Shell.Result r = Shell.run(REPO, List.of("unshare", "--mount", "--propagation", "private", "bash", "-c", script));
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("pseudofs: serving under " + mnt + " (pid ")
                && lines.get(0).endsWith(", log " + xdg + "/pseudofs/" + PidFile.baseName(xdg.resolve("pseudofs"), mnt)
                + ".log)"), lines.get(0));
        assertEquals(List.of("100000", "2100", "700 65534", "lock log pid sock ", "0"), lines.subList(1, lines.size()), r.err());
    }

    @Test
    void nobodyIsRefusedByTheDirectoryAndByThePeerCheck() throws IOException {
        sh("chmod 755 " + base + "; ./pseudofs mount --root " + root + " --only proc,sys --demo --background").ok();
        String refusal = "pseudofs: permission denied: the server of " + root + " admits only root";
        String threadsMax = sh("cat " + root + "/proc/sys/kernel/threads-max").ok();
        Path jar = Files.createTempFile(base, "hello", ".jar");
        Path fixture = Files.writeString(base.resolve("f.yaml"), "proc:\n  ctltest: {int: 1, mode: 0444}\n");
        List<String> attempts = List.of("lsmod " + root, "insmod " + root + " " + jar,
                "get " + root + " sys/kernel/my_state/system_enabled",
                "set " + root + " proc/sys/kernel/threads-max 5", "load " + root + " " + fixture,
                "umount " + root);
        for (String a : attempts) { // the 0700 directory refuses them
            assertOneLine(refusal, asNobody("./pseudofs " + a), 1);
        }
        // Opened by mistake, the socket still refuses: the server checks SO_PEERCRED.
        sh("chmod 755 " + run + "; chmod 777 " + file(".sock")).ok();
        for (String a : attempts.subList(0, 5)) {
            assertOneLine(refusal, asNobody("./pseudofs " + a), 1);
        }
        assertTrue(Files.readString(file(".log")).contains("refused a control request of user nobody"));
        assertEquals("demo\n", sh("./pseudofs lsmod " + root).ok()); // nothing was done
        assertTrue(sh("cat " + root + "/proc/ctltest").err().contains("No such file"));
        assertEquals(threadsMax, sh("cat " + root + "/proc/sys/kernel/threads-max").ok());
        assertTrue(ProcessHandle.of(serverPid()).isPresent(), "nobody's umount stopped nothing");
    }

    @Test
    void loadReadsTheFileWithTheCallersRightsAndQuotesNothingElse() {
        Shell.Result r = asNobody("./pseudofs load " + root + " /etc/shadow");
        assertOneLine("pseudofs: load: /etc/shadow: permission denied", r, 1);
    }

    @Test
    void umountSignalsOnlyTheServerNotAForgedPidFilesProcess() throws Exception {
        Process decoy = new ProcessBuilder("sleep", "120").start();
        try {
            sh("./pseudofs mount --root " + root + " --only proc,sys --background").ok();
            long server = serverPid();
            Files.writeString(file(".pid"), decoy.pid() + "\n"); // forged while the server lives
            sh("./pseudofs umount " + root).ok();
            assertTrue(ProcessHandle.of(server).map(p -> p.onExit().isDone()).orElse(true), "the server stopped");
            assertTrue(decoy.isAlive(), "the decoy was not signalled");

            sh("./pseudofs mount --root " + root + " --only proc --background").ok();
            sh("kill -9 " + serverPid()).ok();
            sh("timeout 10 sh -c 'while kill -0 " + serverPid() + " 2>/dev/null; do sleep 0.1; done'").ok();
            Files.writeString(file(".pid"), decoy.pid() + "\n"); // forged after the server died
            sh("./pseudofs umount " + root).ok();
            assertTrue(decoy.isAlive(), "the decoy was not signalled");
            assertFalse(Files.exists(file(".pid")), "the stale pid file is gone");
        } finally {
            decoy.destroyForcibly();
            decoy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void umountAfterKill9CleansTheSocketSoLsmodSaysNoServer() throws IOException {
        sh("./pseudofs mount --root " + root + " --only proc,sys --background").ok();
        long pid = serverPid();
        sh("kill -9 " + pid + "; timeout 10 sh -c 'while kill -0 " + pid + " 2>/dev/null; do sleep 0.1; done'").ok();
        Shell.Result before = sh("./pseudofs lsmod " + root);
        assertOneLine("pseudofs: no pseudofs server is running under " + root + " (its socket "
                + file(".sock") + " is stale; pseudofs umount " + root + " removes it)", before, 1);
        sh("./pseudofs umount " + root).ok();
        assertFalse(Files.exists(file(".sock")));
        assertFalse(Files.exists(file(".pid")));
        assertOneLine("pseudofs: no pseudofs server is running under " + root, sh("./pseudofs lsmod " + root), 1);
        assertEquals("0\n", sh("grep -c ' " + root + "/' /proc/mounts; true").out());
    }

    @Test
    void aSecondServerOnALiveRootIsRefusedAndTheFirstKeepsItsFiles() throws IOException {
        sh("./pseudofs mount --root " + root + " --only proc,sys --demo --background").ok();
        long pid = serverPid();
        String refusal = "pseudofs: a pseudofs server (pid " + pid + ") already serves " + root
                + "; stop it with pseudofs umount " + root;
        assertOneLine(refusal, sh("./pseudofs mount --root " + root + " --only proc --background"), 1);
        assertOneLine(refusal, sh("./pseudofs mount --root " + root + " --only proc"), 1);
        assertOneLine(refusal, sh("./pseudofs demo --root " + root), 1);
        assertEquals(pid, serverPid(), "the pid file is the live server's");
        assertTrue(Files.exists(file(".sock")));
        assertEquals("demo\n", sh("./pseudofs lsmod " + root).ok());
        assertEquals("The system is not running\n", sh("cat " + root + "/sys/kernel/my_state/system_enabled").ok());
        sh("./pseudofs umount " + root).ok();
        assertEquals("0\n", sh("grep -c ' " + root + "/' /proc/mounts; true").out());
        assertTrue(ProcessHandle.of(pid).map(p -> p.onExit().isDone()).orElse(true), "umount stopped it");
    }

    @Test
    void anOutOfMemoryErrorInAHandlerIsAnsweredAndTheServerKeepsServing() throws IOException {
        Path greedy = ModuleJars.make(base.resolve("jars"), "greedy.jar", GreedyModule.class);
        Path hello = ModuleJars.make(base.resolve("jars"), "hello.jar", HelloModule.class);
        Path fixture = base.resolve("f.yaml");
        Files.writeString(fixture, "sys:\n  kernel/ctltest:\n    dir:\n      temp: {int: 42000}\n");
        sh("./pseudofs mount --root " + root + " --only proc,sys --demo --background").ok();
        Shell.Result r = sh("./pseudofs insmod " + root + " " + greedy);
        assertOneLine("pseudofs: insmod: out of memory while loading module " + greedy
                + "; the server keeps running", r, 1);
        for (int i = 0; i < 2; i++) { // and again: the channel is not left broken
            assertEquals(1, sh("./pseudofs insmod " + root + " " + greedy).exit());
        }
        assertEquals("demo\n", sh("./pseudofs lsmod " + root).ok());
        sh("./pseudofs load " + root + " " + fixture).ok();
        assertEquals("42000\n", sh("./pseudofs get " + root + " sys/kernel/ctltest/temp").ok());
        sh("./pseudofs set " + root + " sys/kernel/ctltest/temp 43000").ok();
        assertEquals("43000\n", sh("cat " + root + "/sys/kernel/ctltest/temp").ok());
        sh("./pseudofs insmod " + root + " " + hello).ok();
        assertEquals("demo\nhello\n", sh("./pseudofs lsmod " + root).ok());
        sh("./pseudofs rmmod " + root + " hello").ok();
        assertTrue(Files.readString(file(".log")).contains("out of memory while loading module"));
    }

    @Test
    void peersThatConnectAndSendNothingOrHalfARequestDoNotStopTheOthers() throws IOException {
        sh("./pseudofs mount --root " + root + " --only proc,sys --demo --background").ok();
        List<SocketChannel> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // a crowd of them, each on a connection of its own
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.connect(UnixDomainSocketAddress.of(file(".sock")));
                if (i % 2 == 1) {
                    ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 1, 0, 0})); // one word, half its length
                }
                silent.add(ch);
            }
            // without a bound the request below would wait behind the first silent peer forever
            assertEquals("demo\n", sh("timeout 20 ./pseudofs lsmod " + root).ok());
            assertEquals(sh("cat " + root + "/proc/sys/kernel/threads-max").ok(),
                    sh("timeout 20 ./pseudofs get " + root + " proc/sys/kernel/threads-max").ok());
        } finally {
            for (SocketChannel ch : silent) {
                ch.close();
            }
        }
        assertEquals("demo\n", sh("timeout 20 ./pseudofs lsmod " + root).ok());
    }
}
