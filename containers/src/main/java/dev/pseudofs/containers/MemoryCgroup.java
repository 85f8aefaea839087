package dev.pseudofs.containers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Is what a memory cgroup says about itself, in bytes, in one vocabulary for v1 and v2: the
 * limit (the smallest of the cgroup's and its ancestors', as LXCFS's get_min_memlimit), the
 * usage, the RAM+swap limit and usage, swappiness, and memory.stat under v1's {@code total_*}
 * names.
 *
 * @param limit the effective limit; Long.MAX_VALUE when there is none
 * @param usage memory.usage_in_bytes / memory.current
 * @param memswLimit RAM+swap limit (v1 memsw; v2 limit + swap.max); Long.MAX_VALUE when none
 * @param memswUsage RAM+swap usage; -1 when not accounted
 * @param swappiness memory.swappiness (v1); 60 when absent
 * @param stat memory.stat counters, total_* names
 */
record MemoryCgroup(long limit, long usage, long memswLimit, long memswUsage, long swappiness,
                    Map<String, Long> stat) {
    /** Returns the numbers of the memory cgroup {@code dir}, or null when it cannot be read. */
    static MemoryCgroup read(Cgroups cgroups, Path dir) {
        return cgroups.isUnified("memory") ? v2(cgroups, dir) : v1(cgroups, dir);
    }

    private static MemoryCgroup v1(Cgroups cgroups, Path dir) {
        long usage = Read.number(dir.resolve("memory.usage_in_bytes"));
        if (usage < 0) {
            return null;
        }
        Map<String, Long> stat = Read.keyed(dir.resolve("memory.stat"));
        // memory.stat's hierarchical_* already are the minimum up the tree; walk if absent.
        long limit = stat.containsKey("hierarchical_memory_limit") ? stat.get("hierarchical_memory_limit")
                : minUp(cgroups, dir, "memory.limit_in_bytes");
        long memsw = stat.containsKey("hierarchical_memsw_limit") ? stat.get("hierarchical_memsw_limit")
                : minUp(cgroups, dir, "memory.memsw.limit_in_bytes");
        long memswUsage = Read.number(dir.resolve("memory.memsw.usage_in_bytes"));
        long swappiness = Read.number(dir.resolve("memory.swappiness"));
        return new MemoryCgroup(limit, usage, memsw, memswUsage, swappiness < 0 ? 60 : swappiness, stat);
    }

    private static MemoryCgroup v2(Cgroups cgroups, Path dir) {
        long usage = Read.number(dir.resolve("memory.current"));
        if (usage < 0) {
            return null;
        }
        Map<String, Long> raw = Read.keyed(dir.resolve("memory.stat"));
        Map<String, Long> stat = new HashMap<>();
        raw.forEach((k, v) -> stat.put("total_" + k, v)); // v2's memory.stat is hierarchical
        stat.put("total_cache", raw.getOrDefault("file", 0L));
        stat.put("total_mapped_file", raw.getOrDefault("file_mapped", 0L));
        stat.put("total_rss_huge", raw.getOrDefault("anon_thp", 0L));
        stat.put("total_writeback", raw.getOrDefault("file_writeback", 0L));
        stat.put("total_dirty", raw.getOrDefault("file_dirty", 0L));
        long limit = minUp(cgroups, dir, "memory.max");
        long swapMax = minUp(cgroups, dir, "memory.swap.max");
        long swapCur = Read.number(dir.resolve("memory.swap.current"));
        long memsw = limit == Long.MAX_VALUE || swapMax == Long.MAX_VALUE ? Long.MAX_VALUE : limit + swapMax;
        return new MemoryCgroup(limit, usage, memsw, swapCur < 0 ? -1 : usage + swapCur, 60, stat);
    }

    // The smallest limit in file of dir and its ancestors up to the hierarchy's root, as
    // LXCFS's get_min_memlimit; a missing file is no limit (0 is one: swap.max 0 is no swap).
    private static long minUp(Cgroups cgroups, Path dir, String file) {
        Path top = cgroups.mountOf(dir);
        long min = Long.MAX_VALUE;
        for (Path d = dir; d != null && (top == null || d.startsWith(top)); d = d.getParent()) {
            long v = Read.number(d.resolve(file));
            if (v >= 0 && v < min) {
                min = v;
            }
        }
        return min;
    }

    long stat(String name) {
        return stat.getOrDefault(name, 0L);
    }
}
