package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a fixture mount caches in the kernel, and that no cache serves a stale value: by default
 * the kernel's sizes stay what the spec says after reads (T1), and with {@code --page-cache}
 * (the opt-in of docs/compat.md) each file stats its length, and the read after a {@code set} or
 * a write, also through a descriptor held open across it, shows the new value.
 */
class FixturePageCacheIT {
    private static final Path REPO = CliSandbox.REPO;
    private static final String LAPTOP = "mount-tool/src/test/resources/fixtures/laptop.yaml";
    private static final String BAT = "/sys/class/power_supply/BAT0/";
    @RegisterExtension
    final CliSandbox box = new CliSandbox("pseudofs-pc-");
    private final String root = box.root.toString();

    private Shell.Result sh(String script) {
        return box.sh(script);
    }

    private void set(String path, String value) {
        sh("./pseudofs set " + root + " " + path + " '" + value + "'").ok();
    }

    private String cat(String path) {
        return sh("cat " + root + path).ok();
    }

    private String size(String path) {
        return sh("stat -L -c %s " + root + path).ok().trim();
    }

    // Reads path through one descriptor, runs set in between, reads again from offset 0.
    private String readAcrossSet(String path, String setPath, String value) {
        return Shell.python(REPO, String.join("\n",
                "import os, subprocess",
                "fd = os.open('" + root + path + "', os.O_RDONLY)",
                "a = os.pread(fd, 65536, 0)",
                "subprocess.run(['./pseudofs', 'set', '" + root + "', '" + setPath + "', '" + value + "'],"
                        + " check=True, env=dict(os.environ, PSEUDOFS_NO_BUILD='1', PSEUDOFS_RUN='" + box.run + "'))",
                "b = os.pread(fd, 65536, 0)",
                "os.close(fd)",
                "print(repr(a), repr(b))")).ok().trim();
    }

    @Test
    void byDefaultReadsLeaveTheKernelsSizesAndTheNextReadSeesEverySet() { // S5, P3, C1, T1, K2
        sh("mkdir -p " + root + " && ./pseudofs mount --root " + root + " --fixture " + LAPTOP + " --background").ok();
        for (int i = 0; i < 2; i++) { // read twice: a page-cached read would have shrunk st_size
            assertEquals("87\n", cat(BAT + "capacity"));
            assertTrue(cat("/proc/meminfo").startsWith("MemTotal:"));
            assertEquals("60\n", cat("/proc/sys/vm/swappiness"));
        }
        assertEquals("4096", size(BAT + "capacity")); // S5
        assertEquals("0", size("/proc/meminfo"));     // P3
        assertEquals("0", size("/proc/sys/vm/swappiness")); // C1
        set("sys/class/power_supply/BAT0/capacity", "100");
        assertEquals("100\n", cat(BAT + "capacity"));
        set("sys/class/power_supply/BAT0/capacity", "5");
        assertEquals("5\n", cat(BAT + "capacity"));
        assertEquals("4096", size(BAT + "capacity"));
        set("proc/meminfo", "short");
        assertEquals("short\n", cat("/proc/meminfo"));
        assertEquals("0", size("/proc/meminfo"));
        assertEquals("b'5\\n' b'42\\n'", readAcrossSet(BAT + "capacity",
                "sys/class/power_supply/BAT0/capacity", "42"));
    }

    @Test
    void withPageCacheEachFileStatsItsLengthAndNoReadIsStaleAfterSetOrWrite() { // docs/compat.md: --page-cache
        sh("mkdir -p " + root + " && ./pseudofs mount --root " + root + " --fixture " + LAPTOP
                + " --page-cache --background").ok();
        // sysfs values (the sys view holds only the fixture's files: no-open mode)
        assertEquals("3", size(BAT + "capacity"));
        assertEquals("87\n", cat(BAT + "capacity"));
        assertEquals("87\n", cat(BAT + "capacity"));
        set("sys/class/power_supply/BAT0/capacity", "100"); // longer
        assertEquals("100\n", cat(BAT + "capacity"));
        assertEquals("4", size(BAT + "capacity"));
        set("sys/class/power_supply/BAT0/capacity", "7"); // shorter
        assertEquals("7\n", cat(BAT + "capacity"));
        assertEquals("2", size(BAT + "capacity"));
        sh("echo 50 > " + root + BAT + "capacity").ok(); // a write through the mount
        assertEquals("50\n", cat(BAT + "capacity"));
        assertEquals("3", size(BAT + "capacity"));
        assertTrue(sh("echo 101 > " + root + BAT + "capacity").err().contains("Invalid argument"));
        assertEquals("50\n", cat(BAT + "capacity"));
        assertEquals("Discharging\n", cat(BAT + "status"));
        set("sys/class/power_supply/BAT0/status", "Charging");
        assertEquals("Charging\n", cat(BAT + "status"));
        assertEquals("b'50\\n' b'42\\n'", readAcrossSet(BAT + "capacity", "sys/class/power_supply/BAT0/capacity", "42"));
        // a bin attribute: a set of a new length re-creates the file
        String bgrt = root + "/sys/firmware/acpi/bgrt_image";
        assertEquals("424d00010203\n", sh("od -An -tx1 " + bgrt + " | tr -d ' \\n'; echo").ok());
        set("sys/firmware/acpi/bgrt_image", "AAECAwQFBgcICQ==");
        assertEquals("00010203040506070809\n", sh("od -An -tx1 " + bgrt + " | tr -d ' \\n'; echo").ok());
        assertEquals("10", size("/sys/firmware/acpi/bgrt_image"));
        // proc: a single_open file and sysctl rows (keep_cache per file: the host's files stay direct)
        String meminfo = cat("/proc/meminfo");
        assertEquals(String.valueOf(meminfo.length()), size("/proc/meminfo"));
        set("proc/meminfo", "short");
        assertEquals("short\n", cat("/proc/meminfo"));
        assertEquals("6", size("/proc/meminfo"));
        assertEquals("60\n", cat("/proc/sys/vm/swappiness"));
        sh("echo 10 > " + root + "/proc/sys/vm/swappiness").ok();
        assertEquals("10\n", cat("/proc/sys/vm/swappiness"));
        set("proc/sys/vm/swappiness", "133");
        assertEquals("133\n", cat("/proc/sys/vm/swappiness"));
        assertEquals("4", size("/proc/sys/vm/swappiness"));
        assertEquals("b'133\\n' b'33\\n'", readAcrossSet("/proc/sys/vm/swappiness", "proc/sys/vm/swappiness", "33"));
        assertEquals("fixture-host\n", cat("/proc/sys/kernel/hostname"));
        // the host's own proc files are not the fixture's: still the kernel's size 0, read whole
        assertEquals("0", size("/proc/version"));
        assertNotEquals("", cat("/proc/version"));
        // debugfs and configfs values too
        String dbg = "/sys/kernel/debug/battery_sim/";
        assertEquals("5\n", cat(dbg + "drain_rate"));
        sh("echo 17 > " + root + dbg + "drain_rate").ok();
        assertEquals("17\n", cat(dbg + "drain_rate"));
        set("sys/kernel/debug/battery_sim/drain_rate", "4");
        assertEquals("4\n", cat(dbg + "drain_rate"));
    }

    @Test
    void withPageCacheAPollerAfterItsReadWaitsForTheNextSet() { // K30, K31; docs/compat.md: --page-cache
        sh("mkdir -p " + root + " && ./pseudofs mount --root " + root + " --fixture " + LAPTOP
                + " --page-cache --background").ok();
        // The sys view is in no-open mode: the server never sees this descriptor's open or its
        // cached reads, only its polls. Read, poll (nothing yet), a set wakes the poll once with
        // ERR|PRI, read the new value, poll again (nothing).
        String out = Shell.python(REPO, String.join("\n",
                "import os, select, subprocess, time",
                "fd = os.open('" + root + BAT + "capacity', os.O_RDONLY)",
                "a = os.read(fd, 100)",
                "p = select.poll(); p.register(fd, select.POLLPRI)",
                "before = p.poll(300)",
                "setter = subprocess.Popen(['sh', '-c', 'sleep 0.3; ./pseudofs set " + root
                        + " sys/class/power_supply/BAT0/capacity 55'],"
                        + " env=dict(os.environ, PSEUDOFS_NO_BUILD='1', PSEUDOFS_RUN='" + box.run + "'))",
                "t = time.time(); woke = p.poll(20000); waited = time.time() - t",
                "setter.wait()",
                "b = os.pread(fd, 100, 0)",
                "after = p.poll(300)",
                "os.close(fd)",
                "print(a, before, [hex(m) for _, m in woke], waited >= 0.2, b, after)")).ok().trim();
        // ERR|PRI: of kernfs_generic_poll's answer after a notify, what poll(2) keeps (PRI asked, ERR always)
        assertEquals("b'87\\n' [] ['0xa'] True b'55\\n' []", out);
    }

    @Test
    void pageCacheWithoutAFixtureIsRefusedInOneLine() {
        Shell.Result r = sh("./pseudofs mount --root " + root + " --page-cache");
        assertNotEquals(0, r.exit());
        assertEquals("pseudofs: mount: --page-cache serves --fixture files: give at least one"
                + " (see pseudofs mount --help)\n", r.err());
    }
}
