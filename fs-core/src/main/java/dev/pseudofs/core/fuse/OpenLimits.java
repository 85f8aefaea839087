package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one user from taking the whole server with open files. Each open file or directory
 * holds memory until its release (a show page, a listing), as in the kernel; but here all of
 * it comes out of one JVM heap, which a user who holds some ten thousand descriptors would fill,
 * and then every caller's requests would fail. So a uid other than root and the server's own
 * may hold at most {@link #perUser()} handles at once; its next open fails with ENFILE ("too many open files in
 * system", the kernel's answer when its file table is full) until it closes some, and the
 * operator is told once a minute per uid. Root and the server's own user are not counted. The
 * handles of all the views one server mounts count together: they share its heap.
 */
final class OpenLimits {
    private static final Logger log = LoggerFactory.getLogger(OpenLimits.class);
    /** What one handle may hold at most in the common case: a 4 KiB show page and its objects. */
    static final long BYTES_PER_HANDLE = 8192;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    /** The process's: every view a server mounts spends the one heap. */
    static final OpenLimits PROCESS = new OpenLimits(Runtime.getRuntime().maxMemory(), ownUid());

    private final int perUser;
    private final int own;
    private final ConcurrentHashMap<Integer, Integer> held = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Long> warned = new ConcurrentHashMap<>();

    /** Lets each user other than root and {@code own} hold handles worth a quarter of {@code heapBytes}. */
    OpenLimits(long heapBytes, int own) {
        this.perUser = (int) Math.max(256, Math.min(Integer.MAX_VALUE, heapBytes / 4 / BYTES_PER_HANDLE));
        this.own = own;
    }

    // This process's uid: the owner of its /proc/self (0 when it cannot be told).
    private static int ownUid() {
        try {
            return (Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    int perUser() {
        return perUser;
    }

    /** Counts a handle for {@code uid}, or throws ENFILE when it holds its share already. */
    void acquire(int uid) {
        if (uid == 0 || uid == own) {
            return;
        }
        boolean[] full = new boolean[1];
        held.compute(uid, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perUser) {
                full[0] = true;
                return now;
            }
            return now + 1;
        });
        if (full[0]) {
            long t = System.nanoTime();
            Long last = warned.get(uid);
            if (last == null || t - last > WARN_EVERY_NANOS) {
                warned.put(uid, t);
                log.warn("uid {} holds {} open files and directories, the most one user other than root may"
                        + " (a quarter of the heap): its opens fail with ENFILE until it closes some", uid, perUser);
            }
            throw new FsException(Errno.ENFILE, "uid " + uid + " holds " + perUser + " handles");
        }
    }

    /** Uncounts a handle {@link #acquire} counted for {@code uid}. */
    void release(int uid) {
        if (uid != 0 && uid != own) {
            held.computeIfPresent(uid, (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
