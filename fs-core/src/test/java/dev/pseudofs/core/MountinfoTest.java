package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads mountinfo lines as the kernel writes them (show_mountinfo, seq_escape: Q14). */
class MountinfoTest {
    @Test
    void fieldsAreFoundPastOptionalFieldsAndUnescaped() throws Exception {
        Path f = Files.createTempFile("mountinfo", "");
        try {
            Files.writeString(f, String.join("\n",
                    "30 23 0:26 / /sys/fs/cgroup/memory rw,nosuid shared:11 - cgroup cgroup rw,memory",
                    "31 23 0:27 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate",
                    "40 23 0:50 /a\\040b /tmp/my\\040dir\\011x\\134y\\012z rw master:1 shared:2 - fuse.pseudofs pseudofs-proc rw",
                    "not a mountinfo line", ""));
            List<Mountinfo.Entry> e = Mountinfo.read(f);
            assertEquals(3, e.size());
            assertEquals(new Mountinfo.Entry("/", "/sys/fs/cgroup/memory", "cgroup", "cgroup", "rw,memory"), e.get(0));
            assertEquals("cgroup2", e.get(1).fsType());
            assertEquals(new Mountinfo.Entry("/a b", "/tmp/my dir\tx\\y\nz", "fuse.pseudofs", "pseudofs-proc", "rw"),
                    e.get(2));
        } finally {
            Files.delete(f);
        }
    }
}
