package dev.pseudofs.containers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;

/**
 * Renders /proc/cpuinfo, /proc/stat and /sys/devices/system/cpu/online for a cpuset and a
 * cpuacct (v1) or cpu (v2) cgroup, as LXCFS's proc_cpuinfo_read, proc_stat_read and
 * sys_devices_system_cpu_online_read do without its CFS "cpu view".
 */
final class CpuFiles {
    /** USER_HZ: the unit of /proc/stat. */
    static final int USER_HZ = 100;

    private CpuFiles() {}

    /** Returns the effective CPUs of the cpuset cgroup {@code dir}, or null when unknown. */
    static BitSet cpus(Cgroups cgroups, Path dir) {
        if (dir == null) {
            return null;
        }
        for (String f : cgroups.isUnified("cpuset")
                ? new String[] {"cpuset.cpus.effective", "cpuset.cpus"}
                : new String[] {"cpuset.effective_cpus", "cpuset.cpus"}) {
            String s = Read.string(dir.resolve(f));
            if (s != null && !s.isBlank()) {
                return CpuList.parse(s);
            }
        }
        return null;
    }

    /** Returns the host's cpuinfo with only {@code cpus}' blocks, renumbered from 0. */
    static byte[] cpuinfo(byte[] hostBytes, BitSet cpus) {
        if (cpus == null) {
            return hostBytes;
        }
        String host = new String(hostBytes, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        boolean printing = false;
        int next = 0;
        for (int at = 0; at < host.length(); ) {
            int end = host.indexOf('\n', at) + 1;
            end = end == 0 ? host.length() : end;
            String line = host.substring(at, end); // with its newline
            at = end;
            if (line.startsWith("processor")) {
                int colon = line.indexOf(':');
                int cpu = Integer.parseInt(line.substring(colon + 1).trim());
                printing = cpus.get(cpu);
                if (printing) {
                    out.append(line, 0, colon + 1).append(' ').append(next++).append('\n');
                }
            } else if (printing) {
                out.append(line);
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns the host's /proc/stat with only {@code cpus}' cpuN lines; with {@code usage}
     * (per-CPU {user, system} ticks of the cgroup) each line shows the cgroup's own time and
     * counts the rest of the CPU's busy time as idle, and the "cpu" line sums them.
     */
    static byte[] stat(byte[] hostBytes, BitSet cpus, long[][] usage) {
        String host = new String(hostBytes, StandardCharsets.ISO_8859_1);
        StringBuilder lines = new StringBuilder();
        long[] sum = new long[10];
        for (String line : host.split("\n")) {
            if (!line.startsWith("cpu")) {
                lines.append(line).append('\n');
                continue;
            }
            String[] f = line.split(" +");
            if (f[0].equals("cpu")) {
                continue; // recomputed below
            }
            int cpu = Integer.parseInt(f[0].substring(3));
            if (cpus != null && !cpus.get(cpu)) {
                continue;
            }
            long[] v = new long[10];
            for (int i = 0; i < 10 && i + 1 < f.length; i++) {
                v[i] = Long.parseLong(f[i + 1]);
            }
            if (usage != null && cpu < usage.length) {
                long all = v[0] + v[1] + v[2] + v[4] + v[5] + v[6] + v[7] + v[8] + v[9];
                long mine = usage[cpu][0] + usage[cpu][1];
                long idle = all >= mine ? v[3] + all - mine : v[3];
                v = new long[] {usage[cpu][0], 0, usage[cpu][1], idle, 0, 0, 0, 0, 0, 0};
            }
            lines.append("cpu").append(cpu);
            for (int i = 0; i < 10; i++) {
                lines.append(' ').append(v[i]);
                sum[i] += v[i];
            }
            lines.append('\n');
        }
        StringBuilder out = new StringBuilder("cpu ");
        for (long s : sum) {
            out.append(' ').append(s);
        }
        out.append('\n').append(lines);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns the per-CPU {user, system} time in USER_HZ ticks of the cpuacct (v1) cgroup
     * {@code dir} from cpuacct.usage_all (cpuacct.usage_percpu as all user time otherwise), or of
     * the v2 cgroup from cpu.stat spread evenly over {@code cpus}; null when unknown.
     */
    static long[][] usage(Cgroups cgroups, Path dir, BitSet cpus) {
        if (dir == null) {
            return null;
        }
        if (cgroups.isUnified("cpuacct")) {
            Map<String, Long> st = Read.keyed(dir.resolve("cpu.stat"));
            if (!st.containsKey("user_usec") || cpus == null || cpus.isEmpty()) {
                return null;
            }
            long[][] u = new long[cpus.length()][2];
            int n = cpus.cardinality();
            for (int c = cpus.nextSetBit(0); c >= 0; c = cpus.nextSetBit(c + 1)) {
                u[c][0] = st.get("user_usec") * USER_HZ / 1_000_000 / n;
                u[c][1] = st.getOrDefault("system_usec", 0L) * USER_HZ / 1_000_000 / n;
            }
            return u;
        }
        String all = Read.string(dir.resolve("cpuacct.usage_all"));
        if (all != null) {
            String[] lines = all.split("\n");
            long[][] u = new long[Math.max(0, lines.length - 1)][2];
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split(" +");
                int cpu = Integer.parseInt(f[0]);
                if (cpu < u.length) {
                    u[cpu][0] = Long.parseLong(f[1]) * USER_HZ / 1_000_000_000L;
                    u[cpu][1] = Long.parseLong(f[2]) * USER_HZ / 1_000_000_000L;
                }
            }
            return u;
        }
        String per = Read.string(dir.resolve("cpuacct.usage_percpu"));
        if (per == null) {
            return null;
        }
        String[] f = per.trim().split(" +");
        long[][] u = new long[f.length][2];
        for (int i = 0; i < f.length; i++) {
            u[i][0] = Long.parseLong(f[i]) * USER_HZ / 1_000_000_000L;
        }
        return u;
    }
}
