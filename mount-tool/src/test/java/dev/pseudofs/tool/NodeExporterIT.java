package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * prometheus-node-exporter pointed at a mounted recording of this machine's /sys and /proc
 * has the same collectors succeeding and the same metric families as pointed at the host.
 * Part of the suite where /usr/bin/prometheus-node-exporter is installed (the mount-tool pom's
 * node-exporter profile); bench/fixtures-scale.sh installs it and runs the same comparison.
 */
class NodeExporterIT {
    // tmpfs when there is one: writing 34,000 small files costs far more on ext4
    private static final Path SHM = Path.of("/dev/shm");
    @RegisterExtension
    final CliSandbox box = Files.isDirectory(SHM) && Files.isWritable(SHM)
            ? new CliSandbox(SHM, "pseudofs-ne-") : new CliSandbox("pseudofs-ne-");
    private final Path tmp = box.base;
    private final String root = box.root.toString();

    private Shell.Result sh(String script) {
        return box.sh(script);
    }

    @Test
    void theExporterSeesTheSameCollectorsAndFamiliesOnARecordingAsOnTheHost() throws Exception {
        Path host = tmp.resolve("host");
        // debugfs, tracefs and cgroups are nothing the exporter's default collectors read, and
        // two thirds of the entries: left out to keep the test within a minute on a busy machine.
        Shell.Result rec = sh("./pseudofs record /sys /proc --exclude /sys/kernel/debug --exclude /sys/kernel/tracing"
                + " --exclude /sys/fs/cgroup -o " + host);
        assertEquals(0, rec.exit(), rec.err());
        sh("mkdir -p " + root + " && ./pseudofs mount --root " + root + " --fixture " + host + " --background").ok();
        String onHost = scrape("/proc", "/sys");
        String onMount = scrape(root + "/proc", root + "/sys");
        TreeSet<String> succeeding = lines(onHost, "node_scrape_collector_success");
        assertTrue(succeeding.stream().filter(l -> l.endsWith(" 1")).count() >= 10, onHost);
        assertEquals(String.join("\n", succeeding), String.join("\n", lines(onMount, "node_scrape_collector_success")));
        assertEquals(String.join("\n", lines(onHost, "# TYPE ")), String.join("\n", lines(onMount, "# TYPE ")));
    }

    private static TreeSet<String> lines(String metrics, String prefix) {
        TreeSet<String> out = new TreeSet<>();
        metrics.lines().filter(l -> l.startsWith(prefix)).forEach(out::add);
        return out;
    }

    // Runs the exporter on a free loopback port over procfs and sysfs, scrapes once, stops it.
    private static String scrape(String procfs, String sysfs) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("prometheus-node-exporter", "--path.procfs=" + procfs,
                "--path.sysfs=" + sysfs, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
            IOException last = null;
            for (int i = 0; i < 100; i++) {
                try {
                    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    return r.body();
                } catch (IOException e) {
                    last = e; // not listening yet
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("the exporter did not answer on port " + port, last);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
