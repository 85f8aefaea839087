package dev.pseudofs.containers;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads small kernel files (cgroupfs, procfs); a missing or unreadable file is null. */
final class Read {
    private Read() {}

    // One buffer per thread: proc and cgroup files report size 0, so Files.readAllBytes would
    // grow its array read by read; open, read until EOF, close is all these files need.
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);

    static String string(Path p) {
        byte[] b = bytes(p);
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(Path p) {
        byte[] buf = BUFFER.get();
        int n = 0;
        try (FileInputStream in = new FileInputStream(p.toString())) {
            for (int r; (r = in.read(buf, n, buf.length - n)) > 0; ) {
                n += r;
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    BUFFER.set(buf);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return java.util.Arrays.copyOf(buf, n);
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
