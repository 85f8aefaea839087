package dev.pseudofs.containers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Is where a container view reads the host: its /proc (the host's own files and each caller's
 * {@code /proc/PID/cgroup}) and its cgroup hierarchies. Tests point both at fake trees.
 *
 * @param proc the host's /proc
 * @param cgroups the cgroup hierarchies
 */
public record Host(Path proc, Cgroups cgroups) {
    /** Returns this machine: /proc and the hierarchies /proc/self/mountinfo lists. */
    public static Host real() throws IOException {
        return new Host(Path.of("/proc"), Cgroups.fromMountinfo(Path.of("/proc/self/mountinfo")));
    }

    /** Returns the host's own /proc/{@code name}, or null when it cannot be read. */
    byte[] file(String name) {
        return Read.bytes(proc.resolve(name));
    }

    /** Returns the host's own /proc/{@code name} as text ("" when it cannot be read). */
    String text(String name) {
        String s = Read.string(proc.resolve(name));
        return s == null ? "" : s;
    }

    /** Returns the cgroup membership of process (or thread) {@code pid}. */
    Map<String, String> membership(int pid) {
        return Cgroups.membership(proc, pid);
    }
}
