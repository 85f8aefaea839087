package dev.pseudofs.tool;

import dev.pseudofs.core.Mount;
import dev.pseudofs.core.MountOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Is the set of views mounted under one root; closing unmounts them, innermost first. A close
 * that comes while views are still being mounted (a SIGTERM during start-up) wins: the mounts
 * made so far are undone and no further one stays.
 */
final class Server implements AutoCloseable {
    private final Path root;
    private final List<Mount> mounts = new ArrayList<>(); // guarded by this
    private boolean closed;                              // guarded by this

    /** Creates a server for {@code root} with nothing mounted yet. */
    Server(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Mounts {@code views} (in the order given) below the root; if one fails, the ones already
     * mounted are unmounted again before the failure propagates.
     */
    void mountAll(List<View> views, MountOptions options) throws IOException {
        try {
            for (View v : views) {
                Path mnt = root.resolve(v.path());
                // A stale mount is not a directory to Java; Mount recovers it. Create the mount
                // point only when neither that nor an enclosing view provides it.
                if (!Mount.isMounted(mnt) && !Files.isDirectory(mnt)) {
                    Files.createDirectories(mnt);
                }
                // fsname pseudofs-<view> lets rebind tell the views apart in mountinfo.
                Mount m = Mount.mount(v.tree(), mnt, options.withFsName("pseudofs-" + v.name()));
                synchronized (this) {
                    if (closed) {
                        m.close();
                        return;
                    }
                    mounts.add(m);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Returns the root the views are mounted under. */
    Path root() {
        return root;
    }

    /** Returns the mount points, in mount order. */
    synchronized List<Path> mountPoints() {
        return mounts.stream().map(Mount::mountPoint).toList();
    }

    /** Unmounts every view, innermost first, waiting for each; later calls do nothing. */
    @Override
    public void close() {
        List<Mount> reversed;
        synchronized (this) {
            closed = true;
            reversed = new ArrayList<>(mounts);
            mounts.clear();
        }
        Collections.reverse(reversed);
        for (Mount m : reversed) {
            m.close();
        }
    }
}
