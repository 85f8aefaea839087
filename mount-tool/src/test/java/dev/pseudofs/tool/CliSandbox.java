package dev.pseudofs.tool;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Is a temporary directory for driving the pseudofs command: a root to mount under and a run
 * directory of its own (PSEUDOFS_RUN), so that a test sees only its own server's files. Closing
 * stops whatever server is left and removes the directory; registered as an extension
 * ({@code @RegisterExtension}), it closes after each test, also a failed one.
 */
final class CliSandbox implements AutoCloseable, AfterEachCallback {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final int NOBODY = 65534;

    final Path base;
    final Path root;
    final Path run;

    CliSandbox(String prefix) {
        this(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** Makes the directory below {@code parent} (a tmpfs such as /dev/shm for trees of many files). */
    CliSandbox(Path parent, String prefix) {
        try {
            base = Files.createTempDirectory(parent, prefix);
            root = base.resolve("root");
            run = base.resolve("run");
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String env() {
        return "export PSEUDOFS_NO_BUILD=1 PSEUDOFS_RUN=" + run + "; ";
    }

    /** Runs {@code script} with bash in the repository, as root. */
    Shell.Result sh(String script) {
        return Shell.sh(REPO, env() + script);
    }

    /** Runs {@code script} with bash in the repository, as nobody (uid 65534). */
    Shell.Result asNobody(String script) {
        return Shell.shAs(NOBODY, REPO, env() + script);
    }

    /**
     * Returns a builder for {@code command} started in the repository with this sandbox's run
     * directory, for a process the test drives while it runs (signals, kill -9).
     */
    ProcessBuilder process(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("PSEUDOFS_NO_BUILD", "1");
        pb.environment().put("PSEUDOFS_RUN", run.toString());
        return pb;
    }

    /** Returns the run-directory file of the root's server with {@code suffix} (".sock", ".log"). */
    Path file(String suffix) {
        return PidFileNames.in(run, root, suffix);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        sh("./pseudofs umount " + root + " 2>/dev/null; true");
        Shell.run(REPO, List.of("rm", "-rf", base.toString()));
    }
}
