package dev.pseudofs.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs phases of the reliability suite ({@code src/test/python/reliability.py}) against a real
 * {@code pseudofs mount} of this build, and says what they found.
 */
final class Suite {
    /** The seed of the short run: fixed, so that the build is reproducible; -Dreliability.seed=N to vary. */
    static final String SEED = System.getProperty("reliability.seed", "1");
    private static final Path MODULE = Path.of("").toAbsolutePath();

    /** What one run printed, and whether it passed. */
    record Result(int exit, String report) {
        boolean passed() {
            return exit == 0 && report.contains("\nPASS\n");
        }
    }

    private Suite() {}

    /** Runs reliability.py with {@code args} (phases and their sizes), at most 170 seconds. */
    static Result run(String name, String... args) throws IOException, InterruptedException {
        Path report = MODULE.resolve("target/reliability-" + name + ".md");
        Files.createDirectories(report.getParent());
        List<String> cmd = new ArrayList<>(List.of("python3",
                MODULE.resolve("src/test/python/reliability.py").toString(),
                "--seed", SEED, "--report", report.toString(),
                "--workdir", System.getProperty("java.io.tmpdir")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(MODULE.resolve("target/reliability-" + name + ".out").toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(170, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, "timed out after 170 s: " + cmd);
        }
        String text = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8)
                : Files.readString(MODULE.resolve("target/reliability-" + name + ".out"));
        return new Result(p.exitValue(), text);
    }
}
