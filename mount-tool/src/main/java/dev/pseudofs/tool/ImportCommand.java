package dev.pseudofs.tool;

import dev.pseudofs.fixtures.Fixture;
import dev.pseudofs.fixtures.FixtureException;
import dev.pseudofs.fixtures.FixtureWriter;
import dev.pseudofs.fixtures.Fixtures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Converts a ttar archive or a umockdev dump into the fixture format. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert FILE (a prometheus/procfs .ttar archive or a umockdev .umockdev dump) into a fixture.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write to OUT instead of stdout")
    Path output;

    @Override
    public Integer call() throws Exception {
        Fixture f;
        try {
            f = Fixtures.convert(file);
        } catch (FixtureException e) {
            System.err.println("pseudofs: " + e.getMessage());
            return 1;
        }
        Output.write(output, FixtureWriter.write("pseudofs import " + file, f.entries()));
        // What could not be imported is named, one line each, and the exit says something was lost.
        for (String d : f.dropped()) {
            System.err.println("pseudofs: left out: " + d);
        }
        return f.dropped().isEmpty() ? 0 : 1;
    }
}
