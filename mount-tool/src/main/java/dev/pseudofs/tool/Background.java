package dev.pseudofs.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a detached server (its own session, output to a log file; the launcher's JVM options,
 * see {@link ServerJvm}) and returns 0 only once it has written its pid file, which it does
 * after every view answered.
 */
final class Background {
    private static final long TIMEOUT_MILLIS = 60_000;

    private Background() {}

    /** Starts a server with a heap of {@code heap} bytes running {@code args} (less --background). */
    static int start(Path root, String[] args, long heap, Path logFile) throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(ServerJvm.command(heap, MountCommand.withoutBackground(args)));
        Process child = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<ProcessHandle> server = PidFile.read(root);
            if (server.isPresent()) {
                System.out.println("pseudofs: serving under " + root.toAbsolutePath()
                        + " (pid " + server.get().pid() + ", log " + logFile + ")");
                return 0;
            }
            if (!child.isAlive()) {
                System.err.println(lastError(logFile));
                return 1;
            }
            Thread.sleep(5);
        }
        child.destroyForcibly();
        System.err.println("pseudofs: the server did not become ready within 60 s; see " + logFile);
        return 1;
    }

    // The server's own one-line error (its last "pseudofs: " line), else where to look.
    private static String lastError(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("pseudofs: ")) {
                return lines.get(i);
            }
        }
        return "pseudofs: the server stopped before it was ready; see its log " + logFile;
    }
}
