package dev.pseudofs.tool;

import dev.pseudofs.fixtures.Fixture;
import dev.pseudofs.fixtures.FixtureException;
import dev.pseudofs.fixtures.FixtureTree;
import dev.pseudofs.fixtures.FixtureWriter;
import dev.pseudofs.fixtures.Recorder;
import dev.pseudofs.fixtures.Skip;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Records real trees (a whole machine's /sys and /proc, or /sys/class/net ...) as a fixture. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record the real trees PATH... (below /proc or /sys) as a fixture: a fixture tree"
                + " when -o names a directory, YAML when -o ends in .yaml/.yml/.json or is not given.",
                "Skipped files (per-process, never read, too large, blocking, unreadable) are summed up at the end."})
final class RecordCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @Option(names = "--depth", description = "directory levels to descend below each PATH (default: all)")
    int depth = Integer.MAX_VALUE;

    @Option(names = "--no-follow", description = "do not record the directories that links directly in PATH point at")
    boolean noFollow;

    @Option(names = "--self", description = "record this process's /proc/self (under its PID) and /proc/thread-self")
    boolean self;

    @Option(names = "--max-size", paramLabel = "BYTES", description = "skip files larger than this"
            + " (suffix K, M or G; default 16M)")
    String maxSize = "16M";

    @Option(names = "--read-timeout", paramLabel = "SECONDS", description = "give up a read after this long"
            + " (default ${DEFAULT-VALUE})")
    double timeout = 2;

    @Option(names = "--threads", description = "reads at once (default ${DEFAULT-VALUE})")
    int threads = 4;

    @Option(names = "--exclude", paramLabel = "PATH", description = "leave PATH and everything below it out; repeatable")
    List<Path> exclude = new ArrayList<>();

    @Option(names = "--host-root", hidden = true, description = "where the real /proc and /sys are (tests)")
    Path hostRoot = Path.of("/");

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "a directory (a fixture tree), or FILE.yaml; default: YAML on stdout")
    Path output;

    @Override
    public Integer call() throws Exception {
        long max;
        try {
            max = bytes(maxSize);
        } catch (NumberFormatException e) {
            System.err.println("pseudofs record: --max-size " + maxSize + ": not a size like 16M");
            return 2;
        }
        if (timeout <= 0 || threads < 1 || depth < 0) {
            System.err.println("pseudofs record: --read-timeout, --threads and --depth must be positive");
            return 2;
        }
        boolean yaml = output == null || output.getFileName().toString().matches(".*\\.(yaml|yml|json)");
        Path tree = yaml ? Files.createTempDirectory("pseudofs-record-") : output;
        long start = System.nanoTime();
        Recorder.Options opt = new Recorder.Options(depth, !noFollow, self, max, (long) (timeout * 1000), threads,
                exclude.stream().map(x -> x.toAbsolutePath().normalize()).toList());
        Recorder.Summary summary;
        try (Recorder r = new Recorder(hostRoot, tree, opt)) {
            Progress progress = Progress.start(r);
            try {
                for (Path path : paths) {
                    r.record(path);
                }
                summary = r.finish("pseudofs record " + String.join(" ", paths.stream().map(Path::toString).toList()));
            } finally {
                progress.close();
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pseudofs record: " + e.getMessage());
            if (yaml) {
                delete(tree);
            }
            return 1;
        }
        String where = tree.resolve(FixtureTree.SKIPPED).toString();
        if (yaml) {
            try {
                Fixture f = FixtureTree.read(tree);
                StringBuilder head = new StringBuilder("pseudofs record " + paths);
                summary.skipped().forEach((why, list) -> list.forEach(
                        s -> head.append("\n# skipped ").append(s).append(": ").append(why.why())));
                Writer w = new BufferedWriter(new OutputStreamWriter(output == null
                        ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(output),
                        StandardCharsets.UTF_8), 1 << 16);
                FixtureWriter.write(head.toString(), f.entries(), w); // entry by entry: no second copy
                w.flush();
                if (output != null) {
                    w.close();
                }
            } catch (FixtureException e) {
                System.err.println("pseudofs record: " + e.getMessage());
                return 1;
            } catch (OutOfMemoryError e) {
                System.err.println("pseudofs record: out of memory writing YAML: record a whole machine"
                        + " into a directory (-o DIR, a fixture tree)");
                return 1;
            } finally {
                delete(tree);
            }
            where = "# skipped lines of " + (output == null ? "the output" : output);
        }
        System.err.print(summary(summary, output == null ? "stdout" : output.toString(),
                (System.nanoTime() - start) / 1e9, where));
        return 0;
    }

    /** Returns the one summary printed at the end: totals, then each reason with its count and examples. */
    static String summary(Recorder.Summary s, String out, double seconds, String listedIn) {
        int n = s.skipped().values().stream().mapToInt(List::size).sum();
        StringBuilder sb = new StringBuilder(String.format("pseudofs record: %d entries, %.1f MB of content, to %s in %.1f s",
                s.entries(), s.bytes() / 1e6, out, seconds));
        if (n == 0) {
            return sb.append("; nothing skipped\n").toString();
        }
        sb.append(String.format("; skipped %d (listed in %s):%n", n, listedIn));
        for (Map.Entry<Skip, List<String>> e : s.skipped().entrySet()) {
            List<String> l = e.getValue();
            List<String> shown = new ArrayList<>(l.subList(0, Math.min(3, l.size())));
            if (l.size() > 3) {
                shown.add("...");
            }
            sb.append(String.format("  %5d %s: %s%n", l.size(), e.getKey().why(), String.join(", ", shown)));
        }
        return sb.toString();
    }

    static long bytes(String s) {
        String t = s.trim().toUpperCase();
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = 1L << (10 * ("KMG".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        long v = Long.parseLong(t) * unit;
        if (v < 0) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    /** Prints the recorder's progress on one line of the terminal, when stderr is one. */
    static final class Progress {
        private final Thread thread;

        private Progress(Thread thread) {
            this.thread = thread;
        }

        static Progress start(Recorder r) {
            if (!stderrIsTerminal()) {
                return new Progress(null);
            }
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        String line = "pseudofs record: " + r.progress();
                        System.err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : line) + "\033[K");
                        System.err.flush();
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    System.err.print("\r\033[K");
                    System.err.flush();
                }
            }, "pseudofs-progress");
            t.setDaemon(true);
            t.start();
            return new Progress(t);
        }

        // isatty(2) without native code: what fd 2 is open on.
        static boolean stderrIsTerminal() {
            try {
                String t = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }

        void close() {
            if (thread != null && thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
