package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server JVM: the launcher's options in the background, a heap that fits its fixtures. */
class ServerJvmIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private Path root;
    private Path work;

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("pseudofs-jvm-");
        work = Files.createTempDirectory("pseudofs-jvm-work-");
    }

    @AfterEach
    void cleanUp() {
        sh("./pseudofs umount " + root + " 2>/dev/null; rm -rf " + root + " " + work + "; true");
    }

    private Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script); // the build made the jar
    }

    private static List<String> commandLineOf(ProcessHandle p) throws IOException {
        return List.of(Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).split("\0"));
    }

    @Test
    void aHundredThousandFileFixtureMountsInTheBackground() throws Exception {
        Path ttar = work.resolve("100k.ttar");
        try (BufferedWriter w = Files.newBufferedWriter(ttar)) {
            for (int d = 0; d < 10_000; d++) {
                w.write("Directory: fixtures/sys/devices/virtual/dev" + d + "\nMode: 755\n# ttar - - -\n");
                for (int a = 0; a < 10; a++) {
                    w.write("Path: fixtures/sys/devices/virtual/dev" + d + "/attr" + a
                            + "\nLines: 1\nvalue " + d + " " + a + "\nMode: 444\n# ttar - - -\n");
                }
            }
        }
        sh("./pseudofs mount --root " + root + " --only sys --fixture " + ttar + " --background").ok();
        ProcessHandle server = PidFile.read(root).orElseThrow();
        List<String> cmd = commandLineOf(server);
        long mib = (ServerJvm.heap(null, List.of(ttar)) + ServerJvm.MIB - 1) / ServerJvm.MIB;
        assertTrue(mib > 128, "a 100k-file ttar is " + Files.size(ttar) + " bytes");
        assertTrue(cmd.contains("-Xmx" + mib + "m"), cmd.toString());
        // the launcher's options, exported by the pseudofs script
        assertTrue(cmd.containsAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")), cmd.toString());
        assertEquals("value 9999 9\n", sh("cat " + root + "/sys/devices/virtual/dev9999/attr9").ok());
        assertEquals("10000\n", sh("ls " + root + "/sys/devices/virtual | wc -l").ok());
        sh("./pseudofs umount " + root).ok();
        server.onExit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void heapGivenIsTheServersHeapAlsoInTheForeground() throws Exception {
        // 300m does not fit the launcher's 64m front end: the server runs in a JVM of its own,
        // attached, and SIGTERM to the front end stops it.
        Shell.Result r = sh("./pseudofs mount --root " + root + " --only proc --heap 300m & pid=$!;"
                // the pid file is written once every view answers, after the mount appears
                + " for i in $(seq 300); do [ -s " + PidFile.of(root) + " ] && break; sleep 0.1; done;"
                + " tr '\\0' ' ' < /proc/$(cat " + PidFile.of(root) + ")/cmdline; echo;"
                + " kill -TERM $pid; timeout 20 tail -s 0.01 --pid=$pid -f /dev/null; kill -9 $pid 2>/dev/null;"
                + " wait $pid; echo exit=$?; grep -c ' " + root + "/' /proc/mounts");
        assertTrue(r.out().contains(" -Xmx300m "), r.out() + r.err());
        assertTrue(r.out().contains("exit=0\n0\n"), r.out() + r.err());
    }
}
