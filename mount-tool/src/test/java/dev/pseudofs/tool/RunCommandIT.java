package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pseudofs run with real processes: a static and a dynamic C program that open the kernel's own
 * paths see the fixture; --over leaves the rest of the tree real; CMD's status, its signals and
 * the cleanup (also after kill -9 of run: no mount in any namespace, no server); set drives a
 * running CMD. The fixture is laptop.yaml (battery capacity 87, MemTotal 8000000 kB).
 */
class RunCommandIT {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/laptop.yaml").toAbsolutePath();
    static final String CAPACITY = "/sys/class/power_supply/BAT0/capacity";
    static final String BATTERY_DEVICE = "/sys/devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply";
    private static Path programs;
    @RegisterExtension
    final CliSandbox box = new CliSandbox("pseudofs-run-");

    @BeforeAll
    static void buildPrograms() throws IOException {
        programs = Files.createTempDirectory("pseudofs-run-bin-");
        compile(programs);
    }

    /** Builds run/battery.c into {@code dir} as battery-static (gcc -static) and battery-dynamic. */
    static void compile(Path dir) {
        assertTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libc.a")) || Files.exists(Path.of("/usr/lib/libc.a")),
                "glibc's static library is missing: scripts/setup installs libc6-dev");
        Path src = Path.of("src/test/resources/run/battery.c").toAbsolutePath();
        Shell.run(dir, List.of("gcc", "-static", "-O2", "-o", "battery-static", src.toString())).ok();
        Shell.run(dir, List.of("gcc", "-O2", "-o", "battery-dynamic", src.toString())).ok();
        assertTrue(Shell.run(dir, List.of("file", "battery-static")).ok().contains("statically linked"));
    }

    @AfterAll
    static void removePrograms() {
        Shell.run(CliSandbox.REPO, List.of("rm", "-rf", programs.toString()));
    }

    static String program(String variant) {
        return programs.resolve("battery-" + variant).toString();
    }

    @Test
    void aStaticAndADynamicProgramReadTheFixturesSysfsAttributeAndProcFile() {
        for (String variant : List.of("static", "dynamic")) {
            Shell.Result r = box.sh("./pseudofs run --fixture " + FIXTURE + " -- " + program(variant) + " "
                    + CAPACITY + " /proc/meminfo /sys/kernel/debug/battery_sim/drain_rate");
            assertEquals(CAPACITY + ": 87\n/proc/meminfo: MemTotal:        8000000 kB\n"
                    + "/sys/kernel/debug/battery_sim/drain_rate: 5\n", r.ok(), variant + ": " + r.err());
            assertEquals("", r.err(), "run prints nothing of its own");
        }
        // and without run the host's tree is what the program sees: no battery on this machine
        String host = Shell.run(programs, List.of(program("static"), "/proc/meminfo")).ok();
        assertNotEquals("/proc/meminfo: MemTotal:        8000000 kB\n", host);
    }

    @Test
    void umockdevAndTtarFilesAreFixturesAsTheyAre() {
        Path fixtures = FIXTURE.getParent();
        assertEquals("/sys/class/power_supply/BAT1/capacity: 42\n", box.sh("./pseudofs run --fixture "
                + fixtures.resolve("sample.umockdev") + " -- " + program("static") + " /sys/class/power_supply/BAT1/capacity").ok());
        assertEquals("0.02 0.04 0.05 1/497 1599\nvim\n", box.sh("./pseudofs run --fixture "
                + fixtures.resolve("sample.ttar") + " -- cat /proc/loadavg /proc/26231/comm").ok());
    }

    @Test
    void setOptionsApplyBeforeTheCommandStarts() {
        Shell.Result r = box.sh("./pseudofs run --fixture " + FIXTURE + " --set " + CAPACITY + "=12"
                + " --set proc/sys/vm/swappiness=10 -- cat " + CAPACITY + " /proc/sys/vm/swappiness");
        assertEquals("12\n10\n", r.ok());
    }

    @Test
    void overReplacesOnlyThatSubtreeAndLeavesTheRestOfSysAndProcReal() throws IOException {
        String real = "/sys/kernel/mm/transparent_hugepage/enabled";
        String hostClasses = Shell.sh(programs, "ls /sys/class").ok();
        // class/power_supply/BAT0 is a link into devices/: that directory is laid over too
        Shell.Result r = box.sh("./pseudofs run --fixture " + FIXTURE + " --over /sys/class/power_supply"
                + " --over " + BATTERY_DEVICE + " -- sh -c '"
                + program("static") + " " + CAPACITY + " " + real + " /proc/meminfo; echo; ls /sys/class'");
        String hostMem = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
        String[] parts = r.ok().split("\n\n");
        assertEquals(CAPACITY + ": 87\n" + real + ": " + Files.readAllLines(Path.of(real)).get(0) + "\n"
                + "/proc/meminfo: " + hostMem, parts[0]);
        // every real class is still there, power_supply added where this machine has none
        List<String> expected = new ArrayList<>(hostClasses.lines().toList());
        if (!expected.contains("power_supply")) {
            expected.add("power_supply");
        }
        assertEquals(expected.stream().sorted().toList(), parts[1].lines().sorted().toList());
    }

    @Test
    void overRefusesAPathTheFixtureDoesNotHaveWithOneLine() {
        Shell.Result r = box.sh("./pseudofs run --fixture " + FIXTURE + " --over /sys/class/drm -- true");
        assertEquals(RunCommand.FAILED, r.exit());
        assertEquals("pseudofs: run: --over /sys/class/drm: the fake tree has no /sys/class/drm\n", r.err());
        assertNothingLeft(-1, List.of());
    }

    @Test
    void theCommandsExitStatusIsRunsOwnAndASignalDeathIs128PlusN() {
        assertEquals(0, box.sh("./pseudofs run -- true").exit());
        assertEquals(3, box.sh("./pseudofs run -- sh -c 'exit 3'").exit());
        assertEquals(128 + 15, box.sh("./pseudofs run -- sh -c 'kill -TERM $$'").exit());
        assertEquals(128 + 9, box.sh("./pseudofs run -- sh -c 'kill -KILL $$'").exit());
        Shell.Result missing = box.sh("./pseudofs run -- no-such-command-here");
        assertEquals(127, missing.exit());
        assertEquals("pseudofs: run: no-such-command-here: command not found\n", missing.err());
        assertNothingLeft(-1, List.of());
    }

    @Test
    void stdinAndStdoutPassThrough() {
        assertEquals("through\n", box.sh("echo through | ./pseudofs run --fixture " + FIXTURE + " -- cat").ok());
    }

    @Test
    void sigtermAndSigintSentToRunReachTheCommandAndEverythingIsCleanedUp() throws Exception {
        for (String sig : List.of("TERM", "INT")) {
            Started s = start(List.of("sh", "-c", "trap 'echo got-" + sig + "; exit 7' " + sig
                    + "; echo ready; while :; do sleep 0.05; done"));
            s.await("ready");
            String cmdNs = s.commandNamespace();
            Shell.run(CliSandbox.REPO, List.of("kill", "-s", sig, Long.toString(s.process.pid()))).ok();
            assertTrue(s.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(7, s.process.exitValue(), s.output());
            assertTrue(s.output().contains("got-" + sig), s.output());
            assertNothingLeft(s.process.pid(), List.of(cmdNs));
            assertEquals(List.of(), list(RunRoots.dirIn(box.run)), "the run's root and files are removed");
        }
    }

    @Test
    void killMinus9OfRunLeavesNoMountInAnyNamespaceAndNoServer() throws Exception {
        Started s = start(List.of("sh", "-c", "echo ready; exec sleep 600"));
        s.await("ready");
        String cmdNs = s.commandNamespace();
        String runNs = Files.readSymbolicLink(Path.of("/proc", Long.toString(s.process.pid()), "ns/mnt")).toString();
        long cmdPid = s.commandPid();
        // the views are there before: in CMD's namespace over /sys, under the run's root in run's
        String mountinfo = Files.readString(Path.of("/proc", Long.toString(cmdPid), "mountinfo"));
        assertTrue(mountinfo.contains(" /sys ") && mountinfo.contains("pseudofs-sys"), mountinfo);
        Shell.run(CliSandbox.REPO, List.of("kill", "-KILL", Long.toString(s.process.pid()))).ok();
        assertTrue(s.process.waitFor(30, TimeUnit.SECONDS));
        long deadline = System.currentTimeMillis() + 10_000; // CMD's PR_SET_PDEATHSIG SIGKILL
        while (ProcessHandle.of(cmdPid).map(ProcessHandle::isAlive).orElse(false)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(cmdPid).map(ProcessHandle::isAlive).orElse(false), "CMD outlived run");
        assertNothingLeft(s.process.pid(), List.of(cmdNs, runNs));
        // the next run sweeps the dead run's root, socket and pid file
        box.sh("./pseudofs run -- true").ok();
        assertEquals(List.of(), list(RunRoots.dirIn(box.run)));
    }

    @Test
    void setDrivesARunningCommandByPidAndByName() throws Exception {
        Started s = start(List.of("--name", "laptop", "--", program("static"), "--until", "5", CAPACITY));
        s.await("capacity=87");
        box.sh("./pseudofs set @" + s.process.pid() + " " + CAPACITY + " 40").ok();
        s.await("capacity=40");
        assertEquals("40\n", box.sh("./pseudofs get @laptop " + CAPACITY).ok());
        assertTrue(box.sh("./pseudofs dump @laptop sys/class/power_supply").ok().contains("BAT0"));
        box.sh("./pseudofs set @laptop " + CAPACITY + " 5").ok();
        assertTrue(s.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, s.process.exitValue(), s.output());
        assertEquals("capacity=87\ncapacity=40\ncapacity=5\n", s.output());
        assertNothingLeft(s.process.pid(), List.of());
        assertEquals(List.of(), list(RunRoots.dirIn(box.run)), "the run's root, name and files are removed");
        Shell.Result gone = box.sh("./pseudofs get @laptop " + CAPACITY);
        assertEquals(1, gone.exit());
        assertTrue(gone.err().startsWith("pseudofs: no pseudofs server is running under "), gone.err());
    }

    @Test
    void aUserWithoutRootOrAUsableUserNamespaceGetsOneLineSayingWhatIsMissing() {
        Shell.Result r = box.asNobody("./pseudofs run --fixture " + FIXTURE + " -- true");
        assertEquals(RunCommand.FAILED, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("pseudofs: run needs root, or a user namespace that can mount FUSE: ")
                && r.err().contains("/dev/fuse (rw------- root) is not readable and writable by uid 65534"), r.err());
        assertNothingLeft(-1, List.of());
    }

    /**
     * As nobody, where /dev/fuse is open to every user (a private mount namespace of this test
     * binds a 0666 node of the same device over it; the machine's stays 0600): run makes a user
     * namespace and CMD sees the fixture, or, where the kernel refuses what that needs, run says
     * in one line what is missing; either way nothing stays mounted or running (issue 16).
     */
    @Test
    void asNobodyWithAnOpenDevFuseRunUsesAUserNamespaceOrSaysInOneLineWhatIsMissing() throws IOException {
        Path fixture = Files.copy(FIXTURE, box.base.resolve("laptop.yaml"));
        Path fuse = box.base.resolve("fuse");
        Files.createDirectories(box.run);
        Shell.run(box.base, List.of("chmod", "755", box.base.toString())).ok();
        Shell.run(box.base, List.of("chown", "65534:65534", box.run.toString())).ok();
        Shell.run(box.base, List.of("chmod", "700", box.run.toString())).ok();
        String script = "set -e; mknod " + fuse + " c $((0x$(stat -c %t /dev/fuse))) $((0x$(stat -c %T /dev/fuse)))\n"
                + "chmod 666 " + fuse + "; mount --bind " + fuse + " /dev/fuse\n"
                + "export PSEUDOFS_NO_BUILD=1 PSEUDOFS_RUN=" + box.run + "\n"
                + "exec setpriv --reuid=65534 --regid=65534 --clear-groups ./pseudofs run --fixture " + fixture
                + " -- cat " + CAPACITY;
        Shell.Result r = Shell.run(CliSandbox.REPO, List.of("unshare", "--mount", "--propagation", "private",
                "bash", "-c", script));
        if (r.exit() == 0) {
            assertEquals("87\n", r.out(), r.err());
            assertEquals("", r.err(), "run prints nothing of its own");
        } else {
            assertEquals(RunCommand.FAILED, r.exit(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("pseudofs: run needs root, or a user namespace that can mount FUSE: "), r.err());
        }
        assertNothingLeft(-1, List.of());
        List<String> left = new ArrayList<>();
        for (Path proc : list(Path.of("/proc"))) {
            try {
                String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                if (cmdline.contains(box.base.toString())) {
                    left.add(proc.getFileName() + ": " + cmdline);
                }
            } catch (IOException e) {
                // not a process, or it ended meanwhile
            }
        }
        assertEquals(List.of(), left, "no process of the run is left");
    }

    // --- helpers

    /** A run started in the background, its output (stdout and stderr) going to a file. */
    private record Started(Process process, Path out) {
        String output() {
            try {
                return Files.readString(out);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        void await(String line) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!output().lines().toList().contains(line)) {
                assertTrue(process.isAlive(), "run ended before printing " + line + ": " + output());
                assertTrue(System.currentTimeMillis() < deadline, "no " + line + " in " + output());
                Thread.sleep(20);
            }
        }

        // CMD: the one child of run (setpriv, unshare and sh exec each other into it).
        long commandPid() {
            List<ProcessHandle> children = process.children().toList();
            assertEquals(1, children.size(), children.toString());
            return children.get(0).pid();
        }

        String commandNamespace() throws IOException {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(commandPid()), "ns/mnt")).toString();
        }
    }

    private Started start(List<String> runArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("./pseudofs", "run", "--fixture", FIXTURE.toString()));
        if (!runArgs.contains("--")) {
            cmd.add("--");
        }
        cmd.addAll(runArgs);
        Path out = box.base.resolve("out-" + System.nanoTime());
        Process p = box.process(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new Started(p, out);
    }

    /**
     * Asserts that run {@code pid} is gone, no process is left in {@code namespaces}, no mount of
     * any process (every /proc/PID/mountinfo, and /proc/mounts) is below this sandbox.
     */
    // What is left may take a moment to go (a server notices its run's end by itself): poll for
    // up to 30 s, a bound for a loaded machine; fail with what was still there.
    private void assertNothingLeft(long pid, List<String> namespaces) {
        if (pid > 0) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "run " + pid + " is alive");
        }
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> found = leftovers(namespaces);
        while (!found.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            found = leftovers(namespaces);
        }
        assertEquals(List.of(), found);
    }

    private List<String> leftovers(List<String> namespaces) {
        List<String> found = new ArrayList<>();
        for (Path proc : list(Path.of("/proc"))) {
            if (!proc.getFileName().toString().matches("\\d+")) {
                continue;
            }
            try {
                String ns = Files.readSymbolicLink(proc.resolve("ns/mnt")).toString();
                if (namespaces.contains(ns)) {
                    found.add(proc + " is in " + ns);
                }
                for (String line : Files.readAllLines(proc.resolve("mountinfo"))) {
                    if (line.contains(box.base.toString())) {
                        found.add(proc + "/mountinfo: " + line);
                    }
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        try {
            Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(box.base.toString()))
                    .forEach(l -> found.add("/proc/mounts: " + l));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void helpSaysHowToDriveARun() {
        String help = box.sh("./pseudofs run --help").ok();
        assertTrue(help.contains("@PID") && help.contains("@NAME"), help);
    }
}
