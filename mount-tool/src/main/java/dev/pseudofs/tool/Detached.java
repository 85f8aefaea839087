package dev.pseudofs.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;

/**
 * A {@code mount --background} server that the {@code pseudofs} launcher started detached
 * itself ({@code setsid}, system property {@value #PROPERTY} naming a descriptor), sparing the
 * front-end JVM that {@link Background} needs (bench/README.md). Until every view answers it
 * speaks on the caller's stdout and stderr as that front end would; then its output goes to
 * the log, it says "serving under ..." and writes {@code ready} to the descriptor the launcher
 * waits on. A server that stops first says its last one-line error on the caller's stderr.
 */
final class Detached {
    static final String PROPERTY = "pseudofs.detached";
    private static final int O_WRONLY = 01;
    private static final int O_APPEND = 02000;

    /** The few C library calls that move a descriptor (jnr-ffi, as the FUSE bindings). */
    public interface Fds {
        int dup(int fd);

        int dup2(int fd, int to);

        int open(CharSequence path, int flags);

        int close(int fd);

        long write(int fd, byte[] bytes, long count);
    }

    private static Fds fds;
    private static int callerOut = -1;
    private static int callerErr = -1;
    private static Path log;
    private static boolean done;

    private Detached() {}

    /** Returns whether the launcher started this JVM detached for mount --background. */
    static boolean requested() {
        return System.getProperty(PROPERTY) != null;
    }

    /**
     * Sends this JVM's stdout and stderr (its own and native code's) to {@code logFile} from now
     * on, keeping the caller's for the last word.
     */
    static synchronized void redirect(Path logFile) throws IOException {
        fds = LibraryLoader.create(Fds.class).failImmediately().load("c");
        int fd = fds.open(logFile.toString(), O_WRONLY | O_APPEND);
        if (fd < 0) {
            throw new IOException("cannot open " + logFile);
        }
        System.out.flush();
        System.err.flush();
        callerOut = fds.dup(1);
        callerErr = fds.dup(2);
        fds.dup2(fd, 1);
        fds.dup2(fd, 2);
        fds.close(fd);
        log = logFile;
        Runtime.getRuntime().addShutdownHook(new Thread(Detached::stopped, "pseudofs-detached"));
    }

    /** Says that every view under {@code root} answers, and lets the launcher return. */
    static synchronized void ready(Path root) {
        if (log == null || done) {
            return;
        }
        say(callerOut, "pseudofs: serving under " + root.toAbsolutePath() + " (pid "
                + ProcessHandle.current().pid() + ", log " + log + ")");
        say(Integer.parseInt(System.getProperty(PROPERTY)), "ready");
        finish();
    }

    // At exit before ready: the server's own one-line error, as Background gives it.
    private static synchronized void stopped() {
        if (log == null || done) {
            return;
        }
        String line;
        try {
            System.err.flush();
            line = Background.lastError(log);
        } catch (IOException | RuntimeException e) {
            line = "pseudofs: the server stopped before it was ready; see its log " + log;
        }
        say(callerErr, line);
        finish();
    }

    private static void finish() {
        done = true;
        fds.close(callerOut);
        fds.close(callerErr);
        fds.close(Integer.parseInt(System.getProperty(PROPERTY)));
    }

    private static void say(int fd, String line) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        fds.write(fd, b, b.length);
    }
}
