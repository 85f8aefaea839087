package dev.pseudofs.containers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders /proc/diskstats from a blkio (v1) or io (v2) cgroup, as LXCFS's proc_diskstats_read:
 * the host's devices that the cgroup did I/O on, with the cgroup's completed reads and writes,
 * merges, sectors and times; fields a cgroup does not count are 0.
 */
final class DiskStats {
    private DiskStats() {}

    /** Returns the cgroup's diskstats, or null when it has no I/O statistics at all. */
    static byte[] show(String host, Cgroups cgroups, Path dir) {
        Map<String, long[]> io = cgroups.isUnified("blkio") ? v2(dir) : v1(dir);
        if (io == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String line : host.split("\n")) {
            String[] f = line.trim().split(" +");
            if (f.length < 3) {
                continue;
            }
            long[] v = io.get(f[0] + ":" + f[1]);
            if (v == null || java.util.Arrays.stream(v).allMatch(x -> x == 0)) {
                continue;
            }
            // diskstats_show's format; v: reads, merged, sectors, ms, writes, merged, sectors, ms
            out.append(String.format("%4s %7s %s %d %d %d %d %d %d %d %d 0 %d 0 0 0 0 0 0 0\n",
                    f[0], f[1], f[2], v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[3] + v[7]));
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // blkio.*_recursive (CFQ/BFQ), else the throttle layer's counters, which every kernel has.
    private static Map<String, long[]> v1(Path dir) {
        String ios = first(dir, "blkio.io_serviced_recursive", "blkio.throttle.io_serviced_recursive",
                "blkio.throttle.io_serviced");
        String bytes = first(dir, "blkio.io_service_bytes_recursive",
                "blkio.throttle.io_service_bytes_recursive", "blkio.throttle.io_service_bytes");
        if (ios == null && bytes == null) {
            return null;
        }
        String merged = Read.string(dir.resolve("blkio.io_merged_recursive"));
        String wait = Read.string(dir.resolve("blkio.io_wait_time_recursive"));
        String service = Read.string(dir.resolve("blkio.io_service_time_recursive"));
        Map<String, long[]> m = new HashMap<>();
        add(m, ios, 0, 4, 1);
        add(m, merged, 1, 5, 1);
        add(m, bytes, 2, 6, 512);
        add(m, wait, 3, 7, 1_000_000);
        add(m, service, 3, 7, 1_000_000);
        return m;
    }

    private static String first(Path dir, String... names) {
        for (String n : names) {
            String s = Read.string(dir.resolve(n));
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    // Lines "MAJ:MIN Read N" / "MAJ:MIN Write N": adds N / unit to slot r or w of the device.
    private static void add(Map<String, long[]> m, String text, int r, int w, long unit) {
        if (text == null) {
            return;
        }
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            if (f.length != 3 || !f[0].contains(":")) {
                continue;
            }
            int slot = f[1].equals("Read") ? r : f[1].equals("Write") ? w : -1;
            if (slot >= 0) {
                m.computeIfAbsent(f[0], k -> new long[8])[slot] += Long.parseLong(f[2]) / unit;
            }
        }
    }

    // io.stat: "MAJ:MIN rbytes=.. wbytes=.. rios=.. wios=.. dbytes=.. dios=..".
    private static Map<String, long[]> v2(Path dir) {
        String text = Read.string(dir.resolve("io.stat"));
        if (text == null) {
            return null;
        }
        Map<String, long[]> m = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 2) {
                continue;
            }
            long[] v = m.computeIfAbsent(f[0], k -> new long[8]);
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=");
                long x = kv.length == 2 ? Long.parseLong(kv[1]) : 0;
                switch (kv[0]) {
                    case "rios" -> v[0] = x;
                    case "rbytes" -> v[2] = x / 512;
                    case "wios" -> v[4] = x;
                    case "wbytes" -> v[6] = x / 512;
                    default -> { }
                }
            }
        }
        return m;
    }
}
