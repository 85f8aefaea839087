package dev.pseudofs.tool;

import dev.pseudofs.fixtures.FixtureWriter;
import dev.pseudofs.fixtures.Recorder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Records real trees (/sys/class/net, /proc/sys/vm ...) as a fixture. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Write a fixture of the real trees PATH... (below /proc or /sys), skipping what cannot be read.")
final class RecordCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @Option(names = "--depth", description = "directory levels to descend below each PATH (default: all)")
    int depth = Integer.MAX_VALUE;

    @Option(names = "--no-follow", description = "do not record the directories that links directly in PATH point at")
    boolean noFollow;

    @Option(names = "--host-root", hidden = true, description = "where the real /proc and /sys are (tests)")
    Path hostRoot = Path.of("/");

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of stdout")
    Path output;

    @Override
    public Integer call() throws Exception {
        Recorder r = new Recorder(hostRoot, depth, !noFollow, w -> System.err.println("pseudofs record: " + w));
        for (Path p : paths) {
            try {
                r.record(p);
            } catch (IllegalArgumentException e) {
                System.err.println("pseudofs record: " + e.getMessage());
                return 1;
            }
        }
        return Output.write(output, FixtureWriter.write("pseudofs record " + paths, r.entries()));
    }
}
