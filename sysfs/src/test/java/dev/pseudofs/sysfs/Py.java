package dev.pseudofs.sysfs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a python3 script inside a mount that the test talks to line by line, so a test can
 * hold a file open while the program changes the tree (poll, removal while open).
 */
final class Py implements AutoCloseable {
    private final Process p;
    private final BufferedReader out;
    private final OutputStream in;

    private Py(Process p) {
        this.p = p;
        this.out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        this.in = p.getOutputStream();
    }

    /** Starts {@code python3 -c script} in {@code dir}. */
    static Py start(Path dir, String script) {
        try {
            return new Py(new ProcessBuilder("python3", "-c", script).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Returns the next line the script printed (fails when it ended). */
    String line() {
        try {
            String l = out.readLine();
            if (l == null) {
                throw new AssertionError("python ended early, exit " + p.waitFor());
            }
            return l;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends one line to the script's stdin. */
    void send(String line) {
        try {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
