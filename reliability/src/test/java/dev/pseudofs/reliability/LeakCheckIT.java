package dev.pseudofs.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs last in the build (its own Failsafe execution after every other test) and fails the build
 * if a test left a mount or a process behind. Only this build's are counted, since other builds
 * may run on the machine at the same time: mounts below this build's temporary directory (the
 * parent pom points every test's java.io.tmpdir and TMPDIR there) or below this checkout, and
 * processes whose command line names either.
 */
class LeakCheckIT {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Path BUILD_TMP = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();

    @Test
    void theBuildLeftNoMountAndNoProcessBehind() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if (below(mountPoint)) {
                leaks.add("mount " + mountPoint + " (" + line.substring(line.indexOf(" - ") + 3) + ")");
            }
        }
        Set<Long> ours = new HashSet<>(); // this JVM and the Maven and shells that started it
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            ours.add(p.get().pid());
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(proc.getFileName().toString());
                String cmdline = cmdline(proc);
                if (!ours.contains(pid) && names(cmdline)) {
                    leaks.add("process " + pid + ": " + cmdline);
                }
            }
        }
        removeBuildTmpIfEmpty();
        assertTrue(leaks.isEmpty(), "this build left behind:\n" + String.join("\n", leaks));
    }

    private static boolean below(String path) {
        return path.startsWith(CHECKOUT + "/") || path.startsWith(BUILD_TMP + "/");
    }

    // A process of this build names a file of the checkout or of the build's temporary directory.
    private static boolean names(String cmdline) {
        return cmdline.contains(CHECKOUT + "/") || cmdline.contains(BUILD_TMP + "/");
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            return ""; // exited meanwhile
        }
    }

    // The directory is this build's own (its name has the build's start time); empty means clean.
    private static void removeBuildTmpIfEmpty() throws IOException {
        if (BUILD_TMP.getFileName().toString().startsWith("pseudofs-build-")) {
            try (Stream<Path> left = Files.list(BUILD_TMP)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(BUILD_TMP);
                }
            }
        }
    }
}
