package dev.pseudofs.containers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps each rendered file for a short time, keyed by what it was computed from (a cgroup
 * directory, a CPU set), so that a burst of reads by one container renders once: the key is
 * the caller's own cgroup ({@link Memberships}), so no caller ever gets another cgroup's
 * file. What a reader sees may be up to {@link #TTL_NANOS} old (docs/containers.md).
 */
final class Recent {
    /** How long a rendered file is served again: 100 ms. */
    static final long TTL_NANOS = 100_000_000L;

    private record Entry(long at, byte[] bytes) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Returns the file rendered for {@code key} less than TTL ago, or renders it now. */
    byte[] get(String key, Supplier<byte[]> render) {
        long now = System.nanoTime();
        Entry e = entries.get(key);
        if (e != null && now - e.at < TTL_NANOS) {
            return e.bytes;
        }
        byte[] b = render.get();
        if (b != null) {
            if (entries.size() > 4096) {
                entries.clear(); // a bound on memory, not a policy: cgroups come and go
            }
            entries.put(key, new Entry(now, b));
        }
        return b;
    }
}
