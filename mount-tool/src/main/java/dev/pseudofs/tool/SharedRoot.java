package dev.pseudofs.tool;

import dev.pseudofs.core.fuse.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a root a shared mount point (a bind mount of itself), so that views mounted again
 * after a server restart propagate into container mount namespaces created as its slaves
 * (unshare --propagation slave): what rebind needs where / is private.
 */
final class SharedRoot {
    private SharedRoot() {}

    private static Path marker(Path root) {
        Path pid = PidFile.of(root);
        return pid.resolveSibling(pid.getFileName().toString().replace(".pid", ".shared"));
    }

    /** Binds {@code root} onto itself and marks it shared, unless an earlier run did. */
    static void make(Path root) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        if (!Mount.isMounted(r)) {
            run("mount", "--bind", r.toString(), r.toString());
            Files.createDirectories(marker(root).getParent());
            Files.writeString(marker(root), r + "\n");
        }
        run("mount", "--make-shared", r.toString());
    }

    /** Undoes {@link #make} when this tool made the bind mount. */
    static void remove(Path root) throws IOException {
        if (Files.exists(marker(root))) {
            Path r = root.toAbsolutePath().normalize();
            if (Mount.isMounted(r)) {
                run("umount", "-l", r.toString());
            }
            Files.deleteIfExists(marker(root));
        }
    }

    static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
