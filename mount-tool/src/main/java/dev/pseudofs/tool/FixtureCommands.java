package dev.pseudofs.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Holds load, set, get and dump: they talk to a running server over its control socket. */
final class FixtureCommands {
    /**
     * The largest fixture file load sends. The server holds it whole while it decodes it (about
     * 3.7 times its size with the base64 text), which must fit the launcher's 64 MiB heap;
     * bigger fixtures are served with mount --fixture, or loaded as a fixture tree.
     */
    static final long MAX_LOAD = 8L << 20;

    private FixtureCommands() {}

    // PATH may be relative to ROOT or an absolute path below it.
    static String below(Path root, String path) {
        Path abs = root.toAbsolutePath().normalize();
        Path p = Path.of(path);
        if (p.isAbsolute() && p.normalize().startsWith(abs)) {
            return abs.relativize(p.normalize()).toString();
        }
        return path;
    }

    /** Loads a fixture into a running server. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load the fixture FILE (YAML/JSON, .ttar, .umockdev) into the server mounted under ROOT.")
    static final class Load implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOT", converter = RunRoots.Converter.class,
                description = "the root, or @PID / @NAME of a pseudofs run")
        Path root;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        // The fixture's bytes are read here, with the caller's rights, and sent: the server
        // never opens a file for a client, so an error can only quote what the caller can read.
        @Override
        public Integer call() throws IOException {
            if (Files.isDirectory(file)) {
                // A fixture tree (a recorded machine) is too big for one message: the server
                // reads it. Only root and the server's own uid get through the control socket,
                // so the server reads nothing its caller could not; the caller checks anyway.
                Path index = file.resolve(dev.pseudofs.fixtures.FixtureTree.INDEX);
                if (!Files.isReadable(index)) {
                    System.err.println("pseudofs: load: " + index + ": cannot read it");
                    return 1;
                }
                return Control.request(root, List.of("load-tree", file.toAbsolutePath().toString())).status() == 0 ? 0 : 1;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) { // a pipe (<(...)) too
                bytes = in.readNBytes((int) MAX_LOAD + 1);
            } catch (IOException e) {
                System.err.println("pseudofs: load: " + Main.describe(e));
                return 1;
            }
            if (bytes.length > MAX_LOAD) {
                System.err.println("pseudofs: load: " + file + " is larger than " + (MAX_LOAD >> 20)
                        + " MiB; serve it with pseudofs mount --fixture, or load it as a fixture tree");
                return 1;
            }
            return Control.request(root, List.of("load", file.toAbsolutePath().toString()), bytes).status() == 0 ? 0 : 1;
        }
    }

    /** Changes a value of a running mount from outside, whatever its mode. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set the value at PATH (below ROOT, e.g. sys/class/power_supply/BAT0/capacity) to VALUE,"
                    + " read-only ones included.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOT", converter = RunRoots.Converter.class,
                description = "the root, or @PID / @NAME of a pseudofs run")
        Path root;

        @Parameters(index = "1", paramLabel = "PATH")
        String path;

        @Parameters(index = "2", paramLabel = "VALUE")
        String value;

        @Option(names = "-n", description = "no trailing newline (content files get VALUE as it is)")
        boolean noNewline;

        @Override
        public Integer call() {
            String v = noNewline || value.endsWith("\n") ? value : value + "\n";
            return Control.request(root, List.of("set", below(root, path), v)).status() == 0 ? 0 : 1;
        }
    }

    /** Prints a value of a running mount. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Print what a read of PATH (below ROOT) shows, byte for byte; a link prints its text.")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOT", converter = RunRoots.Converter.class,
                description = "the root, or @PID / @NAME of a pseudofs run")
        Path root;

        @Parameters(index = "1", paramLabel = "PATH")
        String path;

        @Override
        public Integer call() throws IOException {
            Control.Reply r = Control.request(root, List.of("get", below(root, path)));
            if (r.status() != 0) {
                return 1;
            }
            System.out.write(Base64.getDecoder().decode(r.text()));
            System.out.flush();
            return 0;
        }
    }

    /** Writes the live tree of a running mount in the fixture format. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Write the live tree below ROOT (or below PATH) with current values as a fixture.")
    static final class Dump implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOT", converter = RunRoots.Converter.class,
                description = "the root, or @PID / @NAME of a pseudofs run")
        Path root;

        @Parameters(index = "1", arity = "0..1", paramLabel = "PATH")
        String path;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT",
                description = "write to OUT instead of stdout: a fixture tree when OUT is not *.yaml/*.yml/*.json")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (output != null && !output.getFileName().toString().matches(".*\\.(yaml|yml|json)")) {
                String below = path == null ? "" : below(root, path);
                return Control.request(root, List.of("dump-tree", below, output.toAbsolutePath().toString()))
                        .status() == 0 ? 0 : 1;
            }
            Control.Reply r = Control.request(root, path == null ? List.of("dump") : List.of("dump", below(root, path)));
            if (r.status() != 0) {
                return 1;
            }
            return Output.write(output, r.text());
        }
    }
}
