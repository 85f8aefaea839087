package dev.pseudofs.tool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Names the roots of {@code pseudofs run}: the views of a run are mounted (in its own mount
 * namespace) under {@code <run directory>/runs/<pid>}, and {@code runs/<name>} is a link to that
 * directory when the run was given {@code --name}. Commands that take a ROOT accept {@code @PID}
 * or {@code @NAME} for it ({@link Converter}).
 */
final class RunRoots {
    private RunRoots() {}

    /** Returns the directory that holds the runs' roots and names. */
    static Path dir() {
        return dirIn(PidFile.of(Path.of("/")).getParent());
    }

    /** Returns the directory of the runs' roots in run directory {@code run}. */
    static Path dirIn(Path run) {
        return run.resolve("runs");
    }

    /** Returns the root of the run with process id {@code pid}. */
    static Path of(long pid) {
        return dir().resolve(Long.toString(pid));
    }

    /** Returns the root {@code @name} stands for (a name's link resolved). */
    static Path resolve(String name) {
        Path p = dir().resolve(name);
        if (Files.isSymbolicLink(p)) {
            try {
                return p.toRealPath();
            } catch (IOException e) {
                return p; // a dead run's name: "no server is running under" it
            }
        }
        return p;
    }

    /** Returns why {@code name} cannot be a --name, or null. */
    static String badName(String name) {
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}") || name.matches("\\d+")) {
            return "--name " + name + ": use letters, digits, '.', '_' and '-' (not only digits: @PID names every run)";
        }
        return null;
    }

    /**
     * Links {@code name} to the root of this run.
     *
     * @throws IOException with one line when a live run has that name
     */
    static void name(String name, Path root) throws IOException {
        Path link = dir().resolve(name);
        if (Files.isSymbolicLink(link)) {
            Path target = Files.readSymbolicLink(link);
            if (alive(pidOf(target))) {
                throw new IOException("run: the name " + name + " is taken by the run of pid " + target);
            }
            Files.delete(link);
        }
        Files.createSymbolicLink(link, root.getFileName());
    }

    /** Removes the root of the run of {@code pid}, its name and its run-directory files. */
    static void remove(long pid, String name) {
        Path root = of(pid);
        try {
            if (name != null && Files.isSymbolicLink(dir().resolve(name))
                    && Files.readSymbolicLink(dir().resolve(name)).equals(root.getFileName())) {
                Files.delete(dir().resolve(name));
            }
            Files.deleteIfExists(Control.socketOf(root));
            Files.deleteIfExists(PidFile.of(root));
            // The lock file too: a run's root is named by its pid, so while the run lived no
            // other process could claim it, and after it no other run will.
            Files.deleteIfExists(PidFile.lockOf(root));
            for (String mountPoint : List.of("proc", "sys", ".real")) { // empty: their mounts are gone
                Files.deleteIfExists(root.resolve(mountPoint));
            }
            Files.deleteIfExists(root);
        } catch (IOException e) {
            // left for the next run's sweep
        }
    }

    /**
     * Removes what runs killed with -9 left: the roots (empty directories: their mounts went with
     * their mount namespace), names and files of every run whose process is gone.
     */
    static void sweep() {
        Path dir = dir();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(dir)) {
            for (Path p : runs) {
                String n = p.getFileName().toString();
                if (Files.isSymbolicLink(p)) {
                    Path target = Files.readSymbolicLink(p);
                    if (!alive(pidOf(target))) {
                        Files.deleteIfExists(p);
                    }
                } else if (n.matches("\\d+") && !alive(Long.parseLong(n))) {
                    remove(Long.parseLong(n), null);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a sweep is best effort
        }
    }

    private static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long pidOf(Path target) {
        try {
            return Long.parseLong(target.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Converts a ROOT argument: {@code @PID} or {@code @NAME} is a run's root, anything else a path. */
    static final class Converter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return value.startsWith("@") && value.length() > 1 ? resolve(value.substring(1)) : Path.of(value);
        }
    }
}
