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
        // A shell starts the server and exits at once, saying its pid: while a child of this JVM
        // lived, the JVM's process reaper would wait for it in native code, and a JVM exiting with
        // a thread in native code first waits 0.3 s for it (bench/README.md).
        List<String> cmd = new ArrayList<>(List.of("sh", "-c",
                "log=$1; shift; setsid \"$@\" </dev/null >>\"$log\" 2>&1 & echo $!", "pseudofs-background",
                logFile.toString()));
        cmd.addAll(ServerJvm.command(heap, MountCommand.withoutBackground(args)));
        Process starter = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String said = new String(starter.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        starter.waitFor();
        Optional<ProcessHandle> child;
        try {
            child = ProcessHandle.of(Long.parseLong(said));
        } catch (NumberFormatException e) {
            System.err.println("pseudofs: cannot start the server: " + said.lines().findFirst().orElse(""));
            return 1;
        }
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<ProcessHandle> server = PidFile.read(root);
            if (server.isPresent()) {
                System.out.println("pseudofs: serving under " + root.toAbsolutePath()
                        + " (pid " + server.get().pid() + ", log " + logFile + ")");
                return 0;
            }
            if (child.map(p -> !running(p)).orElse(true)) {
                System.err.println(lastError(logFile));
                return 1;
            }
            Thread.sleep(5);
        }
        child.ifPresent(ProcessHandle::destroyForcibly);
        System.err.println("pseudofs: the server did not become ready within 60 s; see " + logFile);
        return 1;
    }

    // Alive and not a zombie (the server's parent, the shell, is gone: whoever adopted it reaps it).
    private static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return p.isAlive() && end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    // The server's own one-line error (its last "pseudofs: " line), else where to look.
    static String lastError(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("pseudofs: ")) {
                return lines.get(i);
            }
        }
        return "pseudofs: the server stopped before it was ready; see its log " + logFile;
    }
}
