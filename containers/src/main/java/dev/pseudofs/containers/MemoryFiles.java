package dev.pseudofs.containers;

import java.nio.charset.StandardCharsets;

/**
 * Renders /proc/meminfo and /proc/swaps for a memory cgroup, the way LXCFS does
 * (proc_meminfo_read, proc_swaps_read): the host's file line by line, with the lines a
 * cgroup knows replaced by its numbers. A cgroup without a limit below the host's memory gets
 * the host's file unchanged.
 */
final class MemoryFiles {
    private MemoryFiles() {}

    /** Returns whether {@code m} limits memory below the host's {@code hostTotalKb}. */
    static boolean limits(MemoryCgroup m, long hostTotalKb) {
        return m != null && m.limit() != Long.MAX_VALUE && m.limit() / 1024 < hostTotalKb;
    }

    /** Returns /proc/meminfo for {@code m}, from the host's {@code host} text. */
    static byte[] meminfo(byte[] hostBytes, MemoryCgroup m) {
        String host = new String(hostBytes, StandardCharsets.ISO_8859_1);
        long hostTotal = field(host, "MemTotal:");
        if (!limits(m, hostTotal)) {
            return hostBytes; // no limit: the host's own file, byte for byte
        }
        long limit = m.limit() / 1024;
        long usage = Math.min(m.usage() / 1024, limit);
        long[] swap = swap(m, field(host, "SwapTotal:"));
        StringBuilder out = new StringBuilder(host.length());
        for (String line : host.split("\n")) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon);
            long v = switch (key) {
                case "MemTotal" -> limit;
                case "MemFree" -> limit - usage;
                // free plus what reclaim gives back: the file LRUs and reclaimable slab
                case "MemAvailable" -> Math.min(limit, limit - usage + (m.stat("total_active_file")
                        + m.stat("total_inactive_file") + m.stat("total_slab_reclaimable")) / 1024);
                case "Buffers", "SwapCached", "ShmemHugePages", "ShmemPmdMapped" -> 0;
                case "Cached" -> m.stat("total_cache") / 1024;
                case "Active" -> (m.stat("total_active_anon") + m.stat("total_active_file")) / 1024;
                case "Inactive" -> (m.stat("total_inactive_anon") + m.stat("total_inactive_file")) / 1024;
                case "Active(anon)" -> m.stat("total_active_anon") / 1024;
                case "Inactive(anon)" -> m.stat("total_inactive_anon") / 1024;
                case "Active(file)" -> m.stat("total_active_file") / 1024;
                case "Inactive(file)" -> m.stat("total_inactive_file") / 1024;
                case "Unevictable" -> m.stat("total_unevictable") / 1024;
                case "Dirty" -> m.stat("total_dirty") / 1024;
                case "Writeback" -> m.stat("total_writeback") / 1024;
                case "AnonPages" -> Math.max(0, m.stat("total_active_anon") + m.stat("total_inactive_anon")
                        - m.stat("total_shmem")) / 1024;
                case "Mapped" -> m.stat("total_mapped_file") / 1024;
                case "Shmem" -> m.stat("total_shmem") / 1024;
                case "AnonHugePages" -> m.stat("total_rss_huge") / 1024;
                case "Slab" -> m.stat("total_slab") / 1024;
                case "SReclaimable" -> m.stat("total_slab_reclaimable") / 1024;
                case "SUnreclaim" -> m.stat("total_slab_unreclaimable") / 1024;
                case "SwapTotal" -> swap[0];
                case "SwapFree" -> swap[0] - swap[1];
                default -> -1;
            };
            if (v < 0) {
                out.append(line).append('\n');
            } else {
                // show_val_kb: the name padded to 16 columns, the value in 8
                String n = Long.toString(v);
                out.append(key).append(':').append(" ".repeat(Math.max(0, 15 - key.length())))
                        .append(" ".repeat(Math.max(0, 8 - n.length()))).append(n).append(" kB\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns /proc/swaps for {@code m}: one "none virtual" line when the cgroup may swap. */
    static byte[] swaps(byte[] hostSwaps, String hostMeminfo, MemoryCgroup m) {
        long hostTotal = field(hostMeminfo, "MemTotal:");
        if (!limits(m, hostTotal)) {
            return hostSwaps;
        }
        long[] swap = swap(m, field(hostMeminfo, "SwapTotal:"));
        StringBuilder b = new StringBuilder("Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n");
        if (swap[0] > 0) {
            b.append("none").append(" ".repeat(36)).append("virtual\t\t").append(swap[0])
                    .append('\t').append(swap[1]).append("\t0\n");
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // {total, used} in kB: the smaller of the host's swap and what the RAM+swap limit leaves
    // (LXCFS's get_swap_info); none at all when swappiness is 0.
    private static long[] swap(MemoryCgroup m, long hostSwapKb) {
        long total = hostSwapKb;
        if (m.memswLimit() != Long.MAX_VALUE) {
            total = Math.min(total, Math.max(0, m.memswLimit() - m.limit()) / 1024);
        }
        long used = m.memswUsage() < 0 ? 0 : Math.max(0, m.memswUsage() - m.usage()) / 1024;
        used = Math.min(used, total);
        if (m.swappiness() == 0) {
            total = used;
        }
        return new long[] {total, used};
    }

    /** Returns the number after {@code key} in a meminfo-style text, 0 when absent. */
    static long field(String text, String key) {
        int at = text.startsWith(key) ? 0 : text.indexOf("\n" + key);
        if (at < 0) {
            return 0;
        }
        int i = text.indexOf(':', at) + 1;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
            j++;
        }
        return j > i ? Long.parseLong(text.substring(i, j)) : 0;
    }
}
