package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Mountinfo;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

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
        for (Mountinfo.Entry e : Mountinfo.read(Path.of("/proc/self/mountinfo"))) {
            if (e.mountPoint().equals(want)) {
                return true;
            }
        }
        return false;
    }
}
