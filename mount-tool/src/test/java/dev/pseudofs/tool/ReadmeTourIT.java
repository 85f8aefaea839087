package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs README.md's 30-second tour as written, in one bash from the repository (only its
 * /tmp/pd is a temporary directory here), and compares what it prints with what the README
 * shows: stdout line by line (the pid and log of the first line aside), stderr by its errors.
 */
class ReadmeTourIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theTourWorksAsWritten() throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve("README.md"));
        int start = lines.indexOf("## 30-second tour") + 1;
        List<String> commands = new ArrayList<>();
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        for (String l : lines.subList(start, lines.size())) {
            if (l.startsWith("    $ ")) {
                commands.add(l.substring(6));
            } else if (l.startsWith("    bash: ")) {
                err.add(l.substring(l.lastIndexOf(": ") + 2)); // bash names itself differently in a script
            } else if (l.startsWith("    ")) {
                out.add(l.substring(4));
            } else if (!commands.isEmpty() && !l.isBlank()) {
                break;
            }
        }
        Path pd = Files.createTempDirectory("pseudofs-tour-");
        String script = "export PSEUDOFS_NO_BUILD=1\n" + String.join("\n", commands).replace("/tmp/pd", pd.toString());
        try {
            Shell.Result r = bash(script);
            List<String> gotOut = new ArrayList<>(r.out().lines().toList());
            gotOut.set(0, gotOut.get(0).replaceAll("\\(pid \\d+, log [^)]*\\)", "(pid 4242, log LOG)"));
            List<String> wantOut = new ArrayList<>(out);
            wantOut.set(0, wantOut.get(0).replace("/tmp/pd", pd.toString())
                    .replaceAll("\\(pid \\d+, log [^)]*\\)", "(pid 4242, log LOG)"));
            assertEquals(wantOut, gotOut, r.err());
            assertEquals(err, r.err().lines().map(l -> l.substring(l.lastIndexOf(": ") + 2)).toList());
            assertEquals(0, r.exit(), r.err());
            assertEquals("0\n", Shell.sh(REPO, "grep -c ' " + pd + "/' /proc/mounts; true").out(), "the tour unmounted");
        } finally {
            Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; ./pseudofs umount " + pd + " 2>/dev/null; rm -rf " + pd);
        }
    }

    // One bash for the whole tour (its cd's carry over), with more time than Shell gives one
    // command: the tour starts three JVMs, and a loaded machine is slow.
    private static Shell.Result bash(String script) throws IOException {
        Path out = Files.createTempFile("pseudofs-tour-", ".out");
        Path err = Files.createTempFile("pseudofs-tour-", ".err");
        try {
            Process p = new ProcessBuilder("bash", "-c", script).directory(REPO.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the tour did not end within 5 minutes");
            }
            return new Shell.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
