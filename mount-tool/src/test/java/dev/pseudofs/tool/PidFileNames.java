package dev.pseudofs.tool;

import java.nio.file.Path;

/** Names the files of a root's server in a run directory, as PidFile does (for tests). */
final class PidFileNames {
    private PidFileNames() {}

    /** Returns {@code run/<PidFile's name for root><suffix>}, e.g. suffix ".sock". */
    static Path in(Path run, Path root, String suffix) {
        return run.resolve(PidFile.baseName(run, root) + suffix);
    }
}
