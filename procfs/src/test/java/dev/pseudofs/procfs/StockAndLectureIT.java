package dev.pseudofs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Checks the stock entries against the host and runs the lecture's two examples from a shell. */
@Tag("mount")
class StockAndLectureIT {
    @Test
    void stockEntriesMirrorTheHost() { // P3, Q12
        Procfs proc = Procfs.create();
        StockEntries.register(proc);
        try (TestMount m = TestMount.of(proc.tree())) {
            for (String f : new String[] {"version", "filesystems", "cpuinfo"}) {
                assertEquals(Shell.sh(m.dir(), "cat /proc/" + f).ok(), m.sh("cat " + f).ok(), f);
            }
            assertTrue(m.sh("cat uptime").ok().matches("\\d+\\.\\d\\d \\d+\\.\\d\\d\n"));
            assertTrue(m.sh("cat loadavg").ok().matches("[0-9. /]+\n"));
            assertTrue(m.sh("cat meminfo").ok().startsWith("MemTotal:"));
            assertEquals(Shell.sh(m.dir(), "head -1 /proc/self/mounts").ok(), m.sh("head -1 mounts").ok());
            assertEquals("0 444\n", m.sh("stat -c '%s %a' meminfo").ok());
            assertTrue(m.sh("/bin/echo 1 > uptime").err().contains("Input/output error")); // P6
        }
    }

    @Test
    void lectureMyStateAndThreadsMax() { // C15, C20, P6
        Procfs proc = Procfs.create();
        AtomicBoolean enabled = new AtomicBoolean(false);
        // /proc/my_state: "The system is disabled/enabled"; writing 1 or 0 switches it.
        proc.createSingle("my_state", 0644, null,
                m -> m.printf("The system is %s\n", enabled.get() ? "enabled" : "disabled"),
                in -> {
                    switch (in.text().strip()) {
                        case "1" -> enabled.set(true);
                        case "0" -> enabled.set(false);
                        default -> throw FsException.invalid("my_state takes 0 or 1");
                    }
                    return in.count();
                });
        int[] threadsMax = {63704};
        proc.registerSysctl("kernel", Sysctl.intvecMinmax("threads-max", threadsMax, 0644, 20, 1073741823));
        try (TestMount m = TestMount.of(proc.tree())) {
            assertEquals("The system is disabled\n", m.sh("cat my_state").ok());
            m.sh("echo 1 > my_state").ok();
            assertEquals("The system is enabled\n", m.sh("cat my_state").ok());
            assertTrue(m.sh("bash -c 'echo maybe > my_state'").err().contains("Invalid argument"));
            assertEquals("The system is enabled\n", m.sh("cat my_state").ok());

            m.sh("echo 10000 > sys/kernel/threads-max").ok();
            assertEquals("10000\n", m.sh("cat sys/kernel/threads-max").ok());
            for (String bad : new String[] {"10", "0", "-5", "1073741824", "lots"}) {
                Shell.Result r = m.sh("bash -c 'echo " + bad + " > sys/kernel/threads-max'");
                assertEquals(1, r.exit(), bad);
                assertTrue(r.err().contains("Invalid argument"), r.err());
            }
            assertEquals("10000\n", m.sh("cat sys/kernel/threads-max").ok());
            assertEquals(10000, threadsMax[0]);
        }
    }
}
