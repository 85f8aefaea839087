package dev.pseudofs.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which cgroups a process is in for {@link #TTL_NANOS}, so that a burst of opens by
 * one process reads its /proc/PID/cgroup once (the kernel renders that file under a global lock;
 * it was most of a view's cost per open).
 *
 * <p>An entry is used only by the same process: it is keyed by the pid and checked against
 * the identity of /proc/PID (its inode number and time, which the kernel gives each new
 * instance of /proc/PID when it is first looked up; one stat, far cheaper than reading the
 * cgroup file). A process that exits and a new one with the same pid never share an entry,
 * whatever the timing. What the cache does allow: a process that moves to another cgroup is
 * served from its previous cgroup for up to {@link #TTL_NANOS} (docs/containers.md).
 */
final class Memberships {
    /** How long a membership is reused: 100 ms, as long as a rendered file (Recent). */
    static final long TTL_NANOS = 100_000_000L;

    /**
     * How long after a check of /proc/PID's identity the same pid is taken as the same process
     * without a new stat: 1 ms. The kernel hands out pids cyclically (alloc_pid,
     * idr_alloc_cyclic), so a pid comes back only after every other free pid below pid_max
     * (at least 300, 32768 here) was handed out: hundreds of forks at the very least, each
     * far longer than 1 ms / 300.
     */
    static final long SAME_PROCESS_NANOS = 1_000_000L;

    private static final class Entry {
        final Object key;
        final FileTime time;
        final long at;
        final Map<String, String> membership;
        volatile long checked; // when the identity last matched

        Entry(Object key, FileTime time, long at, Map<String, String> membership) {
            this.key = key;
            this.time = time;
            this.at = at;
            this.membership = membership;
            this.checked = at;
        }
    }

    private final Path proc;
    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

    private final long ttl;

    Memberships(Path proc) {
        this(proc, TTL_NANOS);
    }

    Memberships(Path proc, long ttlNanos) {
        this.proc = proc;
        this.ttl = ttlNanos;
    }

    /** Returns the membership of process (or thread) {@code pid}: controller -> path. */
    Map<String, String> of(int pid) {
        long now = System.nanoTime();
        Entry e = entries.get(pid);
        if (e != null && now - e.at < ttl && now - e.checked < SAME_PROCESS_NANOS) {
            return e.membership;
        }
        BasicFileAttributes id = identity(pid);
        if (id == null) {
            return Cgroups.membership(proc, pid); // gone (or no /proc/PID): nothing to keep
        }
        if (e != null && now - e.at < ttl && e.time.equals(id.lastModifiedTime()) && e.key.equals(id.fileKey())) {
            e.checked = now;
            return e.membership;
        }
        Map<String, String> m = Map.copyOf(Cgroups.membership(proc, pid));
        BasicFileAttributes after = identity(pid);
        if (after != null && after.fileKey().equals(id.fileKey())
                && after.lastModifiedTime().equals(id.lastModifiedTime())) {
            // the same process before and after the read: the membership is its own
            if (entries.size() > 8192) {
                entries.clear(); // a bound on memory, not a policy
            }
            entries.put(pid, new Entry(id.fileKey(), id.lastModifiedTime(), now, m));
        }
        return m;
    }

    private BasicFileAttributes identity(int pid) {
        try {
            BasicFileAttributes a = Files.readAttributes(proc.resolve(Integer.toString(pid)), BasicFileAttributes.class);
            return a.fileKey() == null ? null : a;
        } catch (IOException e) {
            return null;
        }
    }
}
