package dev.pseudofs.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * Starts server JVMs: with the launcher's JVM options (the {@code pseudofs} script exports them
 * in {@code PSEUDOFS_JVM_OPTIONS}, one a line, class archive included) and a heap that fits
 * what the server serves: {@code --heap}, or 64 MiB plus 8 bytes per byte of fixture files
 * (a 100,000-file ttar of 19 MB mounts in 128 MiB; bench/README.md), or for a fixture tree its
 * content once plus what its entries cost, and for a YAML file what its lines (entries) cost.
 */
final class ServerJvm {
    static final long MIB = 1L << 20;
    private static final long BASE_HEAP = 64 * MIB;
    private static final long HEAP_PER_FIXTURE_BYTE = 8;
    // Used when the JVM was not started by the launcher (java -jar pseudofs.jar ...).
    private static final List<String> DEFAULT_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    // Set in a server this class started: its heap was chosen, never start another.
    private static final String CHOSEN = "pseudofs.heap.chosen";

    private ServerJvm() {}

    /** Returns the heap a server needs: {@code option} (bytes) if given, else what fixtures need. */
    static long heap(Long option, List<Path> fixtures) {
        if (option != null) {
            return option;
        }
        long bytes = 0;
        long trees = 0;
        for (Path f : fixtures) {
            try {
                if (Files.isDirectory(f)) {
                    trees += treeCost(f);
                } else {
                    bytes += HEAP_PER_FIXTURE_BYTE * Files.size(f);
                    trees += yamlCost(f);
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // reading it fails with a clear message later
            }
        }
        // A tree's live data gets half as much again as room to collect in, above 16 MiB for
        // the server itself: a whole machine's /sys and /proc (22,000 entries, 33 MB live)
        // still fits the launcher's heap, and needs no JVM of its own.
        return Math.max(BASE_HEAP + bytes, 16 * MIB + trees * 3 / 2 + bytes);
    }

    // What a YAML file holds live once served: a hand-written file has about one entry a line,
    // and an entry costs about 750 bytes as in a tree (100,000 one-line entries, 4.2 MB: 82 MB
    // live after a full GC; bench/README.md). ttar and umockdev lines are content, not entries.
    private static long yamlCost(Path f) throws java.io.IOException {
        String name = f.getFileName().toString();
        if (name.endsWith(".ttar") || name.endsWith(".umockdev")) {
            return 0;
        }
        long lines = 0;
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(f), 65536)) {
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    lines += buf[i] == '\n' ? 1 : 0;
                }
            }
        }
        return 750 * lines;
    }

    // What a fixture tree holds live: its content once, and about 750 bytes per entry besides
    // (bench/README.md).
    private static long treeCost(Path tree) throws java.io.IOException {
        long content;
        try (var files = Files.walk(tree)) {
            content = files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        Path index = tree.resolve(dev.pseudofs.fixtures.FixtureTree.INDEX);
        long entries = 0;
        if (Files.exists(index)) {
            try (var lines = Files.lines(index, java.nio.charset.StandardCharsets.UTF_8)) {
                entries = lines.count();
            }
        }
        return content + 750 * entries;
    }

    /** Returns whether this JVM's heap is large enough (within 10%) for a server needing {@code heap}. */
    static boolean fits(long heap) {
        return Boolean.getBoolean(CHOSEN) || Runtime.getRuntime().maxMemory() >= heap / 10 * 9;
    }

    /** Returns the command line of a server JVM with {@code heap} running {@code args}. */
    static List<String> command(long heap, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        String given = System.getenv("PSEUDOFS_JVM_OPTIONS");
        List<String> options = given == null || given.isBlank() ? DEFAULT_OPTIONS : given.lines().toList();
        for (String o : options) {
            if (!o.isBlank() && !o.startsWith("-Xmx")) {
                cmd.add(o);
            }
        }
        cmd.add("-Xmx" + (heap + MIB - 1) / MIB + "m");
        cmd.add("-D" + CHOSEN + "=true");
        String run = System.getProperty("pseudofs.run");
        if (run != null) {
            cmd.add("-Dpseudofs.run=" + run);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs {@code args} in a server JVM with {@code heap}, attached to this terminal, and returns
     * its exit status; SIGTERM and SIGINT sent to this process are passed on to it.
     */
    static int runAttached(long heap, List<String> args) throws java.io.IOException, InterruptedException {
        Process child = new ProcessBuilder(command(heap, args)).inheritIO().start();
        for (String sig : List.of("TERM", "INT")) {
            Signal.handle(new Signal(sig), s -> child.destroy()); // SIGTERM: it unmounts and exits 0
        }
        return child.waitFor();
    }

    /** Converts {@code --heap} values: bytes, or a number with k, m or g, as java -Xmx takes. */
    static final class Size implements CommandLine.ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)");

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a size (bytes, or a number with k, m or g: 512m, 2g)");
            }
            long n = Long.parseLong(m.group(1));
            long bytes = switch (m.group(2)) {
                case "k" -> n << 10;
                case "m" -> n << 20;
                case "g" -> n << 30;
                default -> n;
            };
            if (bytes < 32 * MIB) {
                throw new CommandLine.TypeConversionException("heap " + value + " is below 32m");
            }
            return bytes;
        }
    }
}
