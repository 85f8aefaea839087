package dev.pseudofs.tool;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Names the files of a root's server in a run directory, as PidFile does (for tests). */
final class PidFileNames {
    private PidFileNames() {}

    /** Returns {@code run/<root, URL-encoded><suffix>}, e.g. suffix ".sock". */
    static Path in(Path run, Path root, String suffix) {
        return run.resolve(URLEncoder.encode(root.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8) + suffix);
    }
}
