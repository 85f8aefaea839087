package dev.pseudofs.containers;

import java.nio.file.Path;

/** Reads a process's effective capabilities from /proc/PID/status. */
final class Capabilities {
    /** CAP_SYS_RESOURCE: PSI triggers with windows that are not multiples of 2 s. */
    static final int CAP_SYS_RESOURCE = 24;

    private Capabilities() {}

    /** Returns whether process {@code pid} has CAP_SYS_RESOURCE in its effective set. */
    static boolean hasSysResource(Path proc, int pid) {
        String s = pid > 0 ? Read.string(proc.resolve(pid + "/status")) : null;
        if (s == null) {
            return false;
        }
        for (String line : s.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >>> CAP_SYS_RESOURCE & 1) != 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
