package dev.pseudofs.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a mountinfo file (/proc/self/mountinfo, proc(5)): one {@link Entry} per mount, with the
 * fields the kernel escaped ({@code \ooo} for space, tab, newline and backslash, Q14) restored.
 */
public final class Mountinfo {
    /**
     * Is one line of mountinfo.
     *
     * @param root the path inside the file system that is mounted (field 4)
     * @param mountPoint where it is mounted (field 5)
     * @param fsType the file system type after the separator ("cgroup", "cgroup2", "fuse")
     * @param source the mount source ("none", a device, a FUSE fsname)
     * @param superOptions the per-superblock options ("rw,memory")
     */
    public record Entry(String root, String mountPoint, String fsType, String source, String superOptions) {}

    private Mountinfo() {}

    /** Returns the entries of {@code file}, skipping lines that are not mountinfo lines. */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            int dash = 6;
            while (dash < f.length && !f[dash].equals("-")) {
                dash++; // past the optional fields (shared:N, master:N ...)
            }
            if (f.length < 5 || dash + 3 >= f.length) {
                continue;
            }
            out.add(new Entry(unescape(f[3]), unescape(f[4]), unescape(f[dash + 1]),
                    unescape(f[dash + 2]), unescape(f[dash + 3])));
        }
        return out;
    }

    /** Undoes mountinfo's escaping: {@code \ooo} (three octal digits) is that byte (Q14). */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
