package dev.pseudofs.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs real processes ({@code sh -c}, {@code cat}, {@code dd} ...) the way a person would. */
public final class Shell {
    /** What a process did: its exit status and what it printed. */
    public record Result(int exit, String out, String err) {
        /** Returns stdout, failing with stderr in the message if the process failed. */
        public String ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ": " + err + out);
            }
            return out;
        }
    }

    private Shell() {}

    /**
     * Runs {@code bash -c script} in {@code dir} as root. bash, not dash, because dash's echo
     * reports every failed write as "I/O error" whatever the errno.
     */
    public static Result sh(Path dir, String script) {
        return run(dir, List.of("bash", "-c", script));
    }

    /** Runs {@code bash -c script} in {@code dir} as uid and gid {@code id} (setpriv). */
    public static Result shAs(int id, Path dir, String script) {
        return run(dir, List.of("setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups",
                "bash", "-c", script));
    }

    /** Runs a python3 program (for syscall-level probes: pread, lseek, poll) in {@code dir}. */
    public static Result python(Path dir, String program) {
        return run(dir, List.of("python3", "-c", program));
    }

    /** Runs a command in {@code dir}, waiting at most 60 seconds. */
    public static Result run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p, false));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static byte[] readAll(Process p, boolean err) {
        try {
            return (err ? p.getErrorStream() : p.getInputStream()).readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
