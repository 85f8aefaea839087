package dev.pseudofs.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders /proc/uptime for the caller's pid namespace, as LXCFS's proc_uptime_read: the age
 * of the namespace's init (its start time in /proc/PID/stat against the host's uptime), and
 * as idle time that age less the CPU time of init's cpuacct cgroup. A caller in the server's
 * own pid namespace gets the host's file.
 */
final class Uptime {
    private final Host host;
    private final Recent recent;
    private final Map<String, Integer> inits = new ConcurrentHashMap<>(); // pid ns -> its init
    private final String own; // the server's own pid namespace: a process never changes it

    Uptime(Host host, Recent recent) {
        this.host = host;
        this.recent = recent;
        this.own = link(host.proc().resolve("self/ns/pid"));
    }

    byte[] show(int pid) {
        String ns = link(host.proc().resolve(pid + "/ns/pid"));
        if (ns == null || ns.equals(own)) {
            return host.file("uptime");
        }
        return recent.get("uptime " + ns, () -> render(ns)); // a namespace's file, as the others' per cgroup
    }

    private byte[] render(String ns) {
        byte[] hostUptime = host.file("uptime");
        Integer init = init(ns);
        String stat = init == null ? null : Read.string(host.proc().resolve(init + "/stat"));
        if (stat == null || hostUptime == null) {
            return hostUptime;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double start = Long.parseLong(f[19]) / (double) CpuFiles.USER_HZ; // field 22, starttime
        String up = new String(hostUptime, StandardCharsets.ISO_8859_1);
        double now = Double.parseDouble(up.substring(0, up.indexOf(' ')));
        double age = Math.max(0, now - start);
        double busy = busy(init);
        double idle = age >= busy ? age - busy : age;
        return String.format("%.2f %.2f\n", age, idle).getBytes(StandardCharsets.ISO_8859_1);
    }

    // The CPU seconds of init's cpuacct (v1) or cpu (v2) cgroup, as LXCFS's get_reaper_busy.
    private double busy(int init) {
        Cgroups cg = host.cgroups();
        Path dir = cg.dir("cpuacct", host.membership(init));
        if (dir == null) {
            return 0;
        }
        if (cg.isUnified("cpuacct")) {
            return Read.keyed(dir.resolve("cpu.stat")).getOrDefault("usage_usec", 0L) / 1e6;
        }
        return Math.max(0, Read.number(dir.resolve("cpuacct.usage"))) / 1e9;
    }

    // The host pid of the init of pid namespace ns: remembered, checked, else found by a scan
    // of /proc for the process of that namespace whose own pid there is 1 (NSpid).
    private Integer init(String ns) {
        Integer known = inits.get(ns);
        if (known != null && ns.equals(link(host.proc().resolve(known + "/ns/pid")))) {
            return known;
        }
        try (var dirs = Files.list(host.proc())) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || !ns.equals(link(d.resolve("ns/pid")))) {
                    continue;
                }
                String status = Read.string(d.resolve("status"));
                int at = status == null ? -1 : status.indexOf("\nNSpid:");
                if (at >= 0) {
                    String line = status.substring(at + 7, status.indexOf('\n', at + 1)).trim();
                    if (line.endsWith("\t1") || line.equals("1")) {
                        int pid = Integer.parseInt(name);
                        if (inits.size() > 4096) {
                            inits.clear(); // a bound on memory: containers come and go for weeks
                        }
                        inits.put(ns, pid);
                        return pid;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
