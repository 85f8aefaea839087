package dev.pseudofs.tool;

import dev.pseudofs.core.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Stops the server of a root (SIGTERM, then waits) and cleans whatever views are still
 * mounted there, stale ones included.
 */
@Command(name = "umount", mixinStandardHelpOptions = true,
        description = "Stop the server mounted under ROOT and unmount its views.")
final class UmountCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ROOT", description = "the --root given to pseudofs mount")
    Path root;

    @Override
    public Integer call() throws Exception {
        boolean found = false;
        Optional<ProcessHandle> server = PidFile.read(root);
        if (server.isPresent()) {
            found = true;
            ProcessHandle p = server.get();
            p.destroy(); // SIGTERM: the server unmounts every view, then exits 0
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                System.err.println("pseudofs: server " + p.pid() + " did not stop within 30 s");
                return 1;
            }
        }
        List<String> names = new ArrayList<>(View.NAMES);
        Collections.reverse(names);
        for (String v : names) { // whatever a killed server left behind, innermost first
            Path mnt = root.toAbsolutePath().normalize().resolve(View.pathOf(v));
            if (Mount.isMounted(mnt)) {
                found = true;
                Mount.detach(mnt);
            }
        }
        PidFile.delete(root);
        SharedRoot.remove(root);
        if (!found) {
            System.err.println("pseudofs: nothing is mounted under " + root);
            return 1;
        }
        return 0;
    }
}
