package dev.pseudofs.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class LectureExampleIT {
    @Test
    void systemEnabledIsReadOnlyTextS5K17() { // S5, K17
        Sysfs sysfs = Sysfs.create();
        MyStateModule mod = new MyStateModule(sysfs);
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("-r-------- 4096\n", m.sh("stat -c '%A %s' kernel/my_state/system_enabled").ok());
            assertEquals("The system is not running\n", m.sh("cat kernel/my_state/system_enabled").ok());
            mod.enable();
            assertEquals("The system is running\n", m.sh("cat kernel/my_state/system_enabled").ok());
            Shell.Result w = m.sh("echo 1 > kernel/my_state/system_enabled"); // K17: root too
            assertEquals(1, w.exit()); // bash could not open the file for writing
            assertTrue(w.err().contains("Permission denied"), w.err());
            Shell.Result nobody = m.shAsNobody("cat kernel/my_state/system_enabled"); // S7
            assertTrue(nobody.exit() != 0 && nobody.err().contains("Permission denied"), nobody.err());
            mod.exit();
            assertTrue(m.sh("ls kernel/my_state").err().contains("No such file or directory"));
        }
    }

    @Test
    void clockCountsSetsAndRefusesS11S16S17() { // S11, S16, S17
        Sysfs sysfs = Sysfs.create();
        new MyStateModule(sysfs);
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("-rw------- 4096\n", m.sh("stat -c '%A %s' kernel/my_state/clock").ok());
            assertEquals("0\n", m.sh("cat kernel/my_state/clock").ok());
            assertEquals("1\n", m.sh("cat kernel/my_state/clock").ok());
            assertEquals("2\n", m.sh("dd if=kernel/my_state/clock bs=1 2>/dev/null").ok()); // S11: one show
            m.sh("echo 42 > kernel/my_state/clock").ok();
            Shell.Result bad = m.sh("/bin/echo abc > kernel/my_state/clock");
            assertEquals(1, bad.exit());
            assertTrue(bad.err().contains("Invalid argument"), bad.err());
            assertEquals("42\n", m.sh("cat kernel/my_state/clock").ok());
            assertEquals("43\n", m.sh("cat kernel/my_state/clock").ok());
            Shell.Result nobody = m.shAsNobody("cat kernel/my_state/clock"); // uid 65534 on 0600
            assertTrue(nobody.exit() != 0 && nobody.err().contains("Permission denied"), nobody.err());
            Shell.Result nobodyW = m.shAsNobody("echo 1 > kernel/my_state/clock");
            assertTrue(nobodyW.exit() != 0 && nobodyW.err().contains("Permission denied"), nobodyW.err());
        }
    }

    @Test
    void everyStoreWakesPollersK30K31S28() { // K30, K31, S28
        Sysfs sysfs = Sysfs.create();
        new MyStateModule(sysfs);
        try (TestMount m = TestMount.of(sysfs.tree());
             Py py = Py.start(m.dir(), PollScript.POLL_AFTER_READ)) {
            py.send("kernel/my_state/clock");
            assertEquals("fresh 0x" + Integer.toHexString(PollScript.IN_PRI_ERR), py.line()); // K31
            assertEquals("read 0", py.line());
            assertEquals("quiet 0x1", py.line()); // after a read only POLLIN
            m.sh("echo 7 > kernel/my_state/clock").ok(); // the store calls sysfs_notify
            assertEquals("woke 0xa", py.line());      // POLLPRI|POLLERR
            assertEquals("reread 7", py.line());      // K31: re-read from offset 0
        }
    }
}
