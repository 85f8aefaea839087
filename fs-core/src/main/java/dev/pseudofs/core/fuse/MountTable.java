package dev.pseudofs.core.fuse;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Reads the kernel's mount table (/proc/self/mountinfo) to tell live, stale and absent mounts
 * apart.
 */
final class MountTable {
    /** What is at a mount point. */
    enum State { NONE, LIVE, STALE }

    private MountTable() {}

    /** Returns whether a file system is mounted at {@code dir} and whether it still answers. */
    static State stateOf(Path dir) throws IOException {
        if (!isMountPoint(dir)) {
            return State.NONE;
        }
        try {
            Files.readAttributes(dir, BasicFileAttributes.class);
            return State.LIVE;
        } catch (FileSystemException e) {
            // A FUSE server that died leaves "Transport endpoint is not connected" (ENOTCONN).
            String why = String.valueOf(e.getReason()) + e.getMessage();
            if (why.contains("not connected")) {
                return State.STALE;
            }
            throw e;
        }
    }

    /** Returns whether {@code dir} is a mount point in this mount namespace. */
    static boolean isMountPoint(Path dir) throws IOException {
        String want = dir.toAbsolutePath().normalize().toString();
        List<String> lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(want)) {
                return true;
            }
        }
        return false;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo (seq_escape, Q14).
    static String unescape(String s) {
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
