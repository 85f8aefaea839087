package dev.pseudofs.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads small kernel files (cgroupfs, procfs); a missing or unreadable file is null. */
final class Read {
    private Read() {}

    static String string(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** Returns the number in {@code p}; "max" (cgroup v2's no limit) is Long.MAX_VALUE; -1 if absent. */
    static long number(Path p) {
        String s = string(p);
        if (s == null) {
            return -1;
        }
        s = s.trim();
        if (s.equals("max")) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Returns the "key value" lines of {@code p} (memory.stat, cpu.stat); empty if absent. */
    static Map<String, Long> keyed(Path p) {
        Map<String, Long> m = new HashMap<>();
        String s = string(p);
        if (s == null) {
            return m;
        }
        for (String line : s.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                try {
                    m.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1).trim()));
                } catch (NumberFormatException e) {
                    // not a number: not a counter we use
                }
            }
        }
        return m;
    }
}
