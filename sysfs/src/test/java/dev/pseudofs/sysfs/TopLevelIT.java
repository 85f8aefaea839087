package dev.pseudofs.sysfs;

import static dev.pseudofs.sysfs.Expect.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pseudofs.core.testing.TestMount;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class TopLevelIT {
    private static final List<String> TOP = List.of("block", "bus", "class", "dev", "devices",
            "firmware", "fs", "kernel", "module", "power");

    @Test
    void rootAndTopLevelS1K3() { // S1, K3
        Sysfs sysfs = Sysfs.create();
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("555 12\n", m.sh("stat -c '%a %h' .").ok()); // 2 + 10 subdirectories
            assertEquals(String.join("\n", TOP) + "\n", m.sh("ls").ok());
            assertEquals("755\n", m.sh("stat -c %a kernel").ok());
            assertEquals("block\nchar\n", m.sh("ls dev").ok());
            fails(m.sh("mkdir kernel/newdir"), "Operation not permitted"); // K8
            fails(m.sh("rmdir kernel/debug"), "Operation not permitted");
        }
    }

    @Test
    void mountPointsAreEmptyK10() { // K10
        Sysfs sysfs = Sysfs.create();
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("555 2\n555 2\n", m.sh("stat -c '%a %h' kernel/debug kernel/config").ok());
            assertEquals("", m.sh("ls -A kernel/debug").ok());
            fails(m.sh("mkdir kernel/debug/x"), "No such file or directory");
            fails(m.sh("touch kernel/config/x"), "No such file or directory");
            fails(m.sh("cat kernel/debug/x"), "No such file or directory");
        }
    }

    // K11: readdir order is the kernfs name hash; the host's /sys is the oracle.
    @Test
    void readdirOrderMatchesTheHostK11() { // K11
        Sysfs sysfs = Sysfs.create();
        try (TestMount m = TestMount.of(sysfs.tree())) {
            List<String> host = names(m.sh("ls -f /sys").ok());
            List<String> ours = names(m.sh("ls -f .").ok());
            assertFalse(ours.isEmpty());
            List<String> hostCommon = host.stream().filter(ours::contains).collect(Collectors.toList());
            List<String> oursCommon = ours.stream().filter(host::contains).collect(Collectors.toList());
            assertEquals(hostCommon.size(), TOP.size(), "host /sys has the standard top level");
            assertEquals(hostCommon, oursCommon);
            assertEquals(List.of(".", ".."), Arrays.asList(m.sh("ls -f .").ok().split("\n")).subList(0, 2));
        }
    }

    // K11 with many names: recreate the host's /sys/kernel entries and compare the whole order.
    @Test
    void readdirOrderOfAFullDirectoryMatchesTheHostK11() { // K11
        Sysfs sysfs = Sysfs.create();
        List<String> host = names(dev.pseudofs.core.testing.Shell.sh(java.nio.file.Path.of("/"),
                "ls -f /sys/kernel").ok());
        for (String n : host) {
            if (sysfs.kernel().dir().lookup(n) == null) {
                sysfs.kernel().createFile(Attribute.ro(n, buf -> buf.append("x\n")));
            }
        }
        try (TestMount m = TestMount.of(sysfs.tree())) {
            // Ours may hold a mount point the host lacks (config without configfs built in).
            List<String> ours = names(m.sh("ls -f kernel").ok());
            assertEquals(host, ours.stream().filter(host::contains).collect(Collectors.toList()));
        }
    }

    private static List<String> names(String lsOutput) {
        return Arrays.stream(lsOutput.split("\n")).filter(s -> !s.equals(".") && !s.equals(".."))
                .filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
