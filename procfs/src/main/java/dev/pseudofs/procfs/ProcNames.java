package dev.pseudofs.procfs;

import java.nio.charset.StandardCharsets;

/** Checks the names of proc entries as fs/proc/generic.c __proc_create does (P2). */
final class ProcNames {
    private ProcNames() {}

    /**
     * Returns why {@code last}, the final component of an entry name, is refused, or
     * {@code null} when it is fine: 1..255 bytes, not "." or "..", no NUL, and not all digits
     * when the entry goes into /proc itself (those names are the PIDs').
     */
    static String refusal(String last, boolean inProcRoot) {
        int bytes = last.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > 255) {
            return "name length " + bytes + " not in 1..255";
        }
        if (last.equals(".") || last.equals("..")) {
            return "name is . or ..";
        }
        if (last.indexOf('\0') >= 0) {
            return "name contains NUL";
        }
        if (inProcRoot && isPid(last)) {
            return "all-digit name in /proc is reserved for PIDs";
        }
        return null;
    }

    /** Returns whether {@code name} is all decimal digits (a PID name). */
    static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
