package dev.pseudofs.tool;

import dev.pseudofs.core.fuse.Mount;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Stops the server of a root (SIGTERM, then waits) and cleans whatever views are still
 * mounted there, stale ones included, and the socket and pid file a killed server left.
 *
 * <p>The process signalled is the one the kernel says holds the root's lock file
 * (/proc/locks), never a pid read from a file: only the server of that root takes that lock,
 * for its whole life, and the kernel drops it when the process dies. A forged or stale pid
 * file therefore cannot make umount signal any other process.
 */
@Command(name = "umount", mixinStandardHelpOptions = true,
        description = "Stop the server mounted under ROOT and unmount its views.")
final class UmountCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ROOT", description = "the --root given to pseudofs mount")
    Path root;

    @Override
    public Integer call() throws Exception {
        Path r = root.toAbsolutePath().normalize();
        boolean found = false;
        OptionalLong holder;
        try {
            holder = PidFile.holder(root);
        } catch (AccessDeniedException e) {
            System.err.println("pseudofs: " + Control.refusal(root, PidFile.dirOwner()));
            return 1;
        }
        if (holder.isPresent()) {
            found = true;
            Optional<ProcessHandle> server = ProcessHandle.of(holder.getAsLong());
            if (server.isPresent()) {
                ProcessHandle p = server.get();
                if (!p.destroy()) { // SIGTERM: the server unmounts every view, then exits 0
                    System.err.println("pseudofs: " + Control.refusal(root, PidFile.dirOwner()));
                    return 1;
                }
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    System.err.println("pseudofs: server " + p.pid() + " did not stop within 30 s");
                    return 1;
                }
            }
        }
        List<String> names = new ArrayList<>(View.NAMES);
        Collections.reverse(names);
        List<Path> kept = new ArrayList<>();
        for (String v : names) { // whatever a killed server left behind, innermost first
            Path mnt = r.resolve(View.pathOf(v));
            if (Mount.isMounted(mnt)) {
                found = true;
                Mount.detach(mnt);
                if (Mount.isMounted(mnt)) {
                    kept.add(mnt); // fusermount refused: another user's mount
                }
            }
        }
        if (!kept.isEmpty()) {
            System.err.println("pseudofs: cannot unmount " + kept.get(0)
                    + (kept.size() > 1 ? " and " + (kept.size() - 1) + " more" : "")
                    + ": fusermount refused (only the user who mounted it, or root, can)");
            return 1;
        }
        found |= cleanStale();
        SharedRoot.remove(root);
        if (!found) {
            System.err.println("pseudofs: nothing is mounted under " + r);
            return 1;
        }
        return 0;
    }

    // The pid file and socket of a server that is gone (killed with -9): removed, so that the
    // next command says no server is running rather than "Connection refused".
    private boolean cleanStale() throws IOException {
        boolean stale = Files.exists(PidFile.of(root)) || Files.exists(Control.socketOf(root));
        if (stale && PidFile.holder(root).isEmpty()) {
            try {
                PidFile.claim(root, false);
            } catch (PidFile.Busy e) {
                return true; // a new server started meanwhile: its files are its own
            }
        }
        return stale;
    }
}
