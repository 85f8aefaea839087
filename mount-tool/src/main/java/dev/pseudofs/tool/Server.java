package dev.pseudofs.tool;

import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.fuse.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the set of views mounted under one root; closing unmounts them, innermost first. A close
 * that comes while views are still being mounted (a SIGTERM during start-up) wins: the mounts
 * made so far are undone and no further one stays. When every view has gone from outside
 * (unmounted, or its mount point removed), the server's {@code onAllGone} action runs.
 */
final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);
    // After waking pollers: how long the request loops must be quiet (their new POLL answered).
    private static final Duration QUIET = Duration.ofMillis(50);
    private static final Duration QUIET_AT_MOST = Duration.ofSeconds(1);

    private final Path root;
    private final Runnable onAllGone;
    private final List<Mount> mounts = new ArrayList<>(); // guarded by this
    private boolean closed;                              // guarded by this
    private boolean started;                             // guarded by this: every view mounted

    /** Creates a server for {@code root} with nothing mounted yet; nothing runs when views go. */
    Server(Path root) {
        this(root, () -> { });
    }

    /**
     * Creates a server for {@code root} with nothing mounted yet; {@code onAllGone} runs (on a
     * thread of its own) once every view it mounted has gone from outside.
     */
    Server(Path root, Runnable onAllGone) {
        this.root = root.toAbsolutePath().normalize();
        this.onAllGone = onAllGone;
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
                m.whenEnded().thenRun(() -> gone(m));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        synchronized (this) {
            started = true;
        }
        allGoneCheck();
    }

    // A view's request loop ended. Unless the server is closing, it went from outside.
    private void gone(Mount m) {
        synchronized (this) {
            if (closed) {
                return;
            }
            mounts.remove(m);
        }
        allGoneCheck();
    }

    private void allGoneCheck() {
        synchronized (this) {
            if (closed || !started || !mounts.isEmpty()) {
                return;
            }
        }
        log.info("every view under {} is gone: the server stops", root);
        // Not on the loop thread that noticed: stopping joins the request loops.
        Thread t = new Thread(onAllGone, "pseudofs-all-views-gone");
        t.start();
    }

    /** Returns the root the views are mounted under. */
    Path root() {
        return root;
    }

    /** Returns the mount points, in mount order. */
    synchronized List<Path> mountPoints() {
        return mounts.stream().map(Mount::mountPoint).toList();
    }

    /**
     * Deactivates every mounted view's tree, as if everything in it had been removed: open
     * files get the removed-node answers and blocked pollers wake with them (K29, K33). Returns once the request loops have answered the pollers' new POLL requests
     * (quiet for a moment, one second at most).
     */
    void deactivate() {
        List<Mount> all;
        synchronized (this) {
            all = new ArrayList<>(mounts);
        }
        for (Mount m : all) {
            m.tree().deactivate();
        }
        long deadline = System.nanoTime() + QUIET_AT_MOST.toNanos();
        for (Mount m : all) {
            m.awaitIdle(QUIET, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /**
     * Unmounts every view, innermost first: the views at one depth in parallel, a busy one
     * detached lazily without waiting (its open files are served until closed or the server
     * exits). Later calls do nothing.
     */
    @Override
    public void close() {
        TreeMap<Integer, List<Mount>> byDepth = new TreeMap<>(java.util.Comparator.reverseOrder());
        synchronized (this) {
            closed = true;
            for (Mount m : mounts) {
                byDepth.computeIfAbsent(m.mountPoint().getNameCount(), d -> new ArrayList<>()).add(m);
            }
            mounts.clear();
        }
        for (Map.Entry<Integer, List<Mount>> wave : byDepth.entrySet()) {
            List<Thread> threads = new ArrayList<>();
            for (Mount m : wave.getValue()) {
                Thread t = new Thread(m::close, "pseudofs-unmount " + m.mountPoint());
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
