package dev.pseudofs.tool;

import dev.pseudofs.core.Mount;
import dev.pseudofs.core.MountOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Is the set of views mounted under one root; closing unmounts them, innermost first.
 */
final class Server implements AutoCloseable {
    private final Path root;
    private final List<Mount> mounts = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Server(Path root) {
        this.root = root;
    }

    /**
     * Mounts {@code views} (in the order given) below {@code root}; if one fails, the ones
     * already mounted are unmounted again before the failure propagates.
     */
    static Server start(Path root, List<View> views, MountOptions options) throws IOException {
        Server server = new Server(root.toAbsolutePath().normalize());
        try {
            for (View v : views) {
                Path mnt = server.root.resolve(v.path());
                // A stale mount is not a directory to Java; Mount recovers it. Create the mount
                // point only when neither that nor an enclosing view provides it.
                if (!Mount.isMounted(mnt) && !Files.isDirectory(mnt)) {
                    Files.createDirectories(mnt);
                }
                // fsname pseudofs-<view> lets rebind tell the views apart in mountinfo.
                server.mounts.add(Mount.mount(v.tree(), mnt, options.withFsName("pseudofs-" + v.name())));
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Returns the root the views are mounted under. */
    Path root() {
        return root;
    }

    /** Returns the mount points, in mount order. */
    List<Path> mountPoints() {
        return mounts.stream().map(Mount::mountPoint).toList();
    }

    /** Unmounts every view, innermost first, waiting for each. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Mount> reversed = new ArrayList<>(mounts);
        Collections.reverse(reversed);
        for (Mount m : reversed) {
            m.close();
        }
    }
}
