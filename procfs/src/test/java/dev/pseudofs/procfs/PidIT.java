package dev.pseudofs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Drives /proc/PID and /proc/self over the host's processes through a real mount (P10-P16). */
@Tag("mount")
class PidIT {
    private static Procfs build() {
        Procfs proc = Procfs.create();
        proc.showProcesses(ProcessSource.host());
        return proc;
    }

    @Test
    void selfResolvesToTheReadingProcess() { // P12
        try (TestMount m = TestMount.of(build().tree())) {
            String[] a = m.sh("echo $$; exec readlink self").ok().split("\n");
            assertEquals(a[0], a[1]);
            // /proc/self/status read by two different processes shows each its own pid (P16).
            String s1 = m.sh("echo $$; exec cat self/status").ok();
            String s2 = m.sh("echo $$; exec cat self/status").ok();
            String pid1 = s1.substring(0, s1.indexOf('\n'));
            String pid2 = s2.substring(0, s2.indexOf('\n'));
            assertNotEquals(pid1, pid2);
            assertTrue(s1.contains("\nPid:\t" + pid1 + "\n"), s1);
            assertTrue(s2.contains("\nPid:\t" + pid2 + "\n"), s2);
            assertTrue(s1.contains("\nName:\tcat\n") || s1.startsWith(pid1 + "\nName:\tcat\n"), s1);
        }
    }

    @Test
    void selfFromAThreadNamesTheProcess() { // P12: FUSE sends the thread id
        try (TestMount m = TestMount.of(build().tree())) {
            assertEquals("True\n", m.sh("python3 -c \"import os, threading\nr = []\n"
                    + "t = threading.Thread(target=lambda: r.append(os.readlink('self')))\n"
                    + "t.start(); t.join()\nprint(r[0] == str(os.getpid()))\"").ok());
        }
    }

    @Test
    void cmdlineCommStatusAndStat() { // P13, P14, P15, P16
        try (TestMount m = TestMount.of(build().tree())) {
            assertEquals("cat\0self/cmdline\0", m.sh("exec cat self/cmdline").ok());
            assertEquals("cat\n", m.sh("exec cat self/comm").ok());
            String[] st = m.sh("echo $$; exec cat self/stat").ok().split("\n");
            assertTrue(st[1].startsWith(st[0] + " (cat) "), st[1]);
            assertEquals("555\n", m.sh("stat -c %a 1").ok());
            String host = Shell.sh(m.dir(), "grep -E '^(Name|PPid|Uid|Gid):' /proc/1/status").ok();
            assertEquals(host, m.sh("grep -E '^(Name|PPid|Uid|Gid):' 1/status").ok());
            assertTrue(m.sh("ls -f").ok().lines().anyMatch("1"::equals));
            assertTrue(m.sh("chmod 600 1/status").err().contains("Operation not permitted")); // P10
            assertTrue(m.sh("cat 999999999/status").err().contains("No such file or directory"));
            assertTrue(m.sh("bash -c 'echo x > 1/comm'").err().contains("Invalid argument")); // P15
        }
    }
}
