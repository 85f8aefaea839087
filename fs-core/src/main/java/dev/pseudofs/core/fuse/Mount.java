package dev.pseudofs.core.fuse;

import dev.pseudofs.core.MountException;
import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.ServingThread;
import dev.pseudofs.core.Tree;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is a {@link Tree} mounted at a directory through FUSE; closing it unmounts.
 *
 * <p>Mounting checks that {@code /dev/fuse}, {@code fusermount} and libfuse 2 are there, cleans
 * a stale mount left by a killed server ("Transport endpoint is not connected"), starts libfuse
 * on its own thread and returns once the kernel has sent INIT, so the mount answers at once.
 * Closing runs {@code fusermount -u} and waits for the request loop to end; a busy mount is
 * detached lazily at once instead, and its loop keeps answering the files still open there
 * until they are closed (or the process exits), as after {@code umount -l}. A mount that goes
 * away from outside ({@code umount}, its mount point removed from another namespace) ends the
 * loop too: the kernel's read of {@code /dev/fuse} fails with ENODEV, and {@link #whenEnded()}
 * completes. A JVM shutdown unmounts too.
 */
public final class Mount implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mount.class);

    private final Tree tree;
    private final Path mountPoint;
    private final FuseBridge bridge;
    private final Thread loop;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread shutdownHook = new Thread(this::close, "pseudofs-unmount");

    private Mount(Tree tree, Path mountPoint, FuseBridge bridge, Thread loop) {
        this.tree = tree;
        this.mountPoint = mountPoint;
        this.bridge = bridge;
        this.loop = loop;
    }

    /** Mounts {@code tree} at {@code dir} with the default options. */
    public static Mount mount(Tree tree, Path dir) {
        return mount(tree, dir, MountOptions.defaults());
    }

    /**
     * Mounts {@code tree} at {@code dir}, an existing directory.
     *
     * @throws MountException with one line saying what to do when something is missing, the
     *     directory is busy, or libfuse fails
     */
    public static Mount mount(Tree tree, Path dir, MountOptions options) {
        Path mnt = dir.toAbsolutePath().normalize();
        checkPrerequisites();
        recoverStale(mnt);
        if (!Files.isDirectory(mnt)) {
            throw new MountException("mount point " + mnt + " is not a directory: create it first");
        }
        tree.setPageSize(options.pageSize());
        FuseBridge bridge;
        try {
            bridge = new FuseBridge(tree, options);
        } catch (LinkageError | RuntimeException e) {
            throw new MountException("cannot load libfuse.so.2: install Debian's libfuse2 "
                    + "(apt-get install libfuse2)", e);
        }
        if (!bridge.mount(mnt.toString(), options.fuseArguments(), options.singleThreaded())) {
            throw new MountException("libfuse could not mount " + mnt + " (see the lines above from fuse:)");
        }
        Mount[] self = new Mount[1];
        Thread loop = new ServingThread(() -> { // the first request worker (RequestLoop)
            try {
                bridge.serve();
            } finally {
                self[0].loopEnded();
            }
        }, "pseudofs-fuse " + mnt);
        loop.setDaemon(true);
        Mount mount = new Mount(tree, mnt, bridge, loop);
        self[0] = mount;
        loop.start();
        try {
            long deadline = System.nanoTime() + options.readyTimeout().toNanos();
            while (!bridge.awaitInit(20)) {
                if (!loop.isAlive() || System.nanoTime() > deadline) {
                    mount.close();
                    throw new MountException("the kernel did not answer the mount of " + mnt
                            + " within " + options.readyTimeout());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            mount.close();
            throw new MountException("interrupted while mounting " + mnt, e);
        }
        try {
            java.lang.Runtime.getRuntime().addShutdownHook(mount.shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: whoever stops it closes the mount
        }
        log.info("mounted {} at {}{}", options.fsName(), mnt, options.allowOther() ? " (allow_other)" : "");
        return mount;
    }

    /** Returns the directory the tree is mounted at. */
    public Path mountPoint() {
        return mountPoint;
    }

    /** Returns the mounted tree. */
    public Tree tree() {
        return tree;
    }

    /**
     * Returns a stage that completes when the request loop has ended: after {@link #close()}, or
     * when the mount went away from outside. It completes on the loop's own thread.
     */
    public CompletionStage<Void> whenEnded() {
        return ended.minimalCompletionStage();
    }

    /**
     * Waits until no request has been in hand for {@code quiet}, at most {@code max}: after
     * waking pollers, their new POLL requests get answered before the mount goes.
     */
    public void awaitIdle(Duration quiet, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (loop.isAlive() && bridge.idleNanos() < quiet.toNanos() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loopEnded() {
        if (!closed.get()) {
            log.info("{} is gone (unmounted from outside, or its mount point removed): stopped serving it",
                    mountPoint);
        }
        ended.complete(null);
    }

    /** Returns whether the libfuse loop is still serving. */
    public boolean isAlive() {
        return loop.isAlive() && !closed.get();
    }

    /**
     * Unmounts and waits for the libfuse loop to end, or, when the mount is busy, detaches it
     * lazily and returns at once; safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String how = null; // null: the loop had already ended, the mount went from outside
        if (loop.isAlive() && Thread.currentThread() != loop) {
            how = "unmounted";
            if (run("fusermount", "-u", mountPoint.toString()) == 0) {
                try {
                    loop.join(TimeUnit.SECONDS.toMillis(10)); // the kernel ends the loop at once (ENODEV)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (loop.isAlive()) {
                // Files are open there: waiting would last until they are closed.
                run("fusermount", "-u", "-z", mountPoint.toString());
                how = "detached (busy: the files open there are served until closed)";
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                java.lang.Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs or has run
            }
        }
        if (how != null) {
            log.info("{} {}", how, mountPoint);
        }
    }

    /** Returns whether something is mounted at {@code dir} (live or stale). */
    public static boolean isMounted(Path dir) {
        try {
            return MountTable.isMountPoint(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new MountException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
    }

    /** Detaches whatever FUSE mount is at {@code dir} (fusermount -u, lazily if busy or stale). */
    public static void detach(Path dir) {
        String d = dir.toAbsolutePath().normalize().toString();
        if (run("fusermount", "-u", d) != 0) {
            run("fusermount", "-u", "-z", d);
        }
    }

    // ---- environment ------------------------------------------------------------------

    private static void checkPrerequisites() {
        // The FUSE structs (Wire) are the same everywhere; libfuse's struct fuse_args, which
        // fuse_mount takes, is laid out for 64-bit pointers only.
        if (!"64".equals(System.getProperty("sun.arch.data.model"))) {
            throw new MountException("pseudofs needs a 64-bit JVM on Linux; this one is "
                    + System.getProperty("os.arch") + ", " + System.getProperty("sun.arch.data.model") + "-bit");
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw new MountException("/dev/fuse is missing: load the fuse module (modprobe fuse) or,"
                    + " in a container, pass the device (--device /dev/fuse --cap-add SYS_ADMIN)");
        }
        if (findOnPath("fusermount") == null) {
            throw new MountException("fusermount is missing: install Debian's package fuse"
                    + " (apt-get install fuse)");
        }
    }

    private static void recoverStale(Path mnt) {
        try {
            switch (MountTable.stateOf(mnt)) {
                case NONE -> { }
                case LIVE -> throw new MountException(mnt + " is busy: something is already mounted"
                        + " there (unmount it with fusermount -u " + mnt + ")");
                case STALE -> {
                    log.warn("{} is a stale mount left by a dead server; cleaning it", mnt);
                    run("fusermount", "-u", "-z", mnt.toString());
                    if (MountTable.isMountPoint(mnt)) {
                        throw new MountException("cannot clean the stale mount at " + mnt
                                + ": run fusermount -u -z " + mnt);
                    }
                }
            }
        } catch (IOException e) {
            throw new MountException("cannot inspect " + mnt + ": " + e.getMessage(), e);
        }
    }

    static Path findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0 && !out.isEmpty()) {
                log.debug("{}: {}", String.join(" ", command), out);
            }
            return p.exitValue();
        } catch (IOException e) {
            log.warn("cannot run {}: {}", command[0], e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
