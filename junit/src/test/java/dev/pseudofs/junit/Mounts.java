package dev.pseudofs.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads this process's mount table (/proc/self/mountinfo) for the tests' checks. */
final class Mounts {
    private Mounts() {}

    /** Returns the mount points of pseudofs views at or below {@code root}. */
    static List<String> below(Path root) {
        return all().stream().filter(p -> p.equals(root.toString()) || p.startsWith(root + "/")).toList();
    }

    /** Returns the fsname of the mount at {@code dir}, or null. */
    static String fsName(Path dir) {
        for (String l : lines()) {
            String[] f = l.split(" ");
            if (f[4].equals(dir.toString())) {
                return f[l.split(" - ")[0].split(" ").length + 2];
            }
        }
        return null;
    }

    /** Returns the mount points of every pseudofs-junit root of this machine. */
    static List<String> all() {
        return lines().stream().map(l -> l.split(" ")[4]).filter(p -> p.contains("/pseudofs-junit-")).toList();
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
