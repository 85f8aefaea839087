package dev.pseudofs.tool;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Records which process serves a root, so that {@code pseudofs umount} finds it: one file per
 * root under /run/pseudofs, named after the root's absolute path.
 */
final class PidFile {
    private static final Path DIR = Path.of(System.getProperty("pseudofs.run", "/run/pseudofs"));

    private PidFile() {}

    /** Returns the pid file of {@code root}. */
    static Path of(Path root) {
        String name = URLEncoder.encode(root.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8);
        return DIR.resolve(name + ".pid");
    }

    /** Returns the log file a background server of {@code root} writes. */
    static Path logOf(Path root) {
        return of(root).resolveSibling(of(root).getFileName().toString().replace(".pid", ".log"));
    }

    /** Writes this process's pid for {@code root}. */
    static void write(Path root) throws IOException {
        Files.createDirectories(DIR);
        Path tmp = of(root).resolveSibling(of(root).getFileName() + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
        Files.move(tmp, of(root), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Returns the live process recorded for {@code root}, if any. */
    static Optional<ProcessHandle> read(Path root) {
        try {
            long pid = Long.parseLong(Files.readString(of(root)).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the pid file of {@code root}. */
    static void delete(Path root) {
        try {
            Files.deleteIfExists(of(root));
        } catch (IOException e) {
            // nothing to do: a stale pid file names a dead process and is ignored
        }
    }
}
