package dev.pseudofs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Drives /proc/sys tables through a real mount, with the host kernel as oracle (C1-C19, T3-T6). */
@Tag("mount")
class SysctlIT {
    private static final Path HOST_PRINTK = Path.of("/proc/sys/kernel/printk");

    private final int[] printk = hostPrintk();
    private final int[] swappiness = {60};
    private final int[] ngroupsMax = {65536};
    private final int[] dropCaches = {0};
    private final int[] lowat = {-1};
    private final long[] shmmax = {Long.parseUnsignedLong("18446744073709547520")};
    private final boolean[] flag = {false};
    private final byte[] domainname = Arrays.copyOf("(none)".getBytes(StandardCharsets.US_ASCII), 65);

    private static int[] hostPrintk() {
        // Not Files.readString: Java's first read of a size-0 file asks for one byte, and C9
        // makes the rest of a numeric sysctl unreadable after it. cat reads the whole page.
        return Arrays.stream(Shell.run(Path.of("/"), List.of("cat", HOST_PRINTK.toString())).ok()
                .strip().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    private Procfs build() {
        Procfs proc = Procfs.create();
        proc.registerSysctl("kernel",
                Sysctl.intvec("printk", printk, 0644),
                Sysctl.intvec("ngroups_max", ngroupsMax, 0444),
                Sysctl.string("domainname", domainname, 0644));
        proc.registerSysctl("vm",
                Sysctl.intvecMinmax("swappiness", swappiness, 0644, 0, 200),
                Sysctl.intvec("drop_caches", dropCaches, 0200),
                Sysctl.ulongvecMinmax("shmmax", shmmax, 0644, null, null),
                Sysctl.bool("flag", flag, 0644));
        proc.registerSysctl("net/ipv4", Sysctl.uint("tcp_notsent_lowat", lowat, 0644));
        return proc;
    }

    @Test
    void numericReadsMatchTheHostKernelByteForByte() { // C9, T3 (kernel as oracle, read only)
        try (TestMount m = TestMount.of(build().tree())) {
            for (String cmd : List.of("cat %s", "dd if=%s bs=1 2>/dev/null", "dd if=%s bs=1 skip=2 2>/dev/null",
                    "dd if=%s bs=3 count=1 2>/dev/null", "head -c 100 %s")) {
                String host = Shell.sh(m.dir(), String.format(cmd, HOST_PRINTK)).ok();
                String ours = m.sh(String.format(cmd, "sys/kernel/printk")).ok();
                assertEquals(host, ours, cmd);
            }
            assertEquals(Integer.toString(printk[0]), m.sh("dd if=sys/kernel/printk bs=1 2>/dev/null").ok());
            assertEquals("", m.sh("dd if=sys/kernel/printk bs=1 skip=2 2>/dev/null").ok());
            String pread = "python3 -c \"import os\nfd=os.open('%s', os.O_RDONLY)\nprint(os.pread(fd, 100, 3))\"";
            assertEquals(Shell.sh(m.dir(), String.format(pread, HOST_PRINTK)).ok(),
                    m.sh(String.format(pread, "sys/kernel/printk")).ok());
        }
    }

    @Test
    void shapeMatchesTheHost() { // C1, C2
        try (TestMount m = TestMount.of(build().tree())) {
            assertEquals(Shell.sh(m.dir(), "stat -c '%s %a %h %o' /proc/sys/kernel").ok(),
                    m.sh("stat -c '%s %a %h %o' sys/kernel").ok());
            assertEquals("0 644 1 1024\n0 444 1\n", m.sh("stat -c '%s %a %h %o' sys/kernel/printk; "
                    + "stat -c '%s %a %h' sys/kernel/ngroups_max").ok());
            assertEquals(". .. domainname ngroups_max printk", m.sh("ls -f sys/kernel").ok().strip().replace('\n', ' '));
            assertEquals(". .. drop_caches flag shmmax swappiness", m.sh("ls -f sys/vm").ok().strip().replace('\n', ' '));
        }
    }

    @Test
    void writesAtNonZeroPositionsAreDroppedButSucceed() { // C10, C13, T4
        try (TestMount m = TestMount.of(build().tree())) {
            assertEquals(0, m.sh("printf '60\\n' | dd of=sys/vm/swappiness bs=1 2>/dev/null").exit());
            assertEquals("6\n", m.sh("cat sys/vm/swappiness").ok());
            assertEquals(0, m.sh("echo '60 61' > sys/vm/swappiness").exit());
            assertEquals("60\n", m.sh("cat sys/vm/swappiness").ok());
            assertEquals(0, m.sh("echo 4 4 > sys/kernel/printk").exit()); // C13: updates the leading two
            assertEquals("4\t4\t" + printk[2] + "\t" + printk[3] + "\n", m.sh("cat sys/kernel/printk").ok());
        }
    }

    @Test
    void rejectedWritesAreEinvalAndKeepTheValue() { // C12, C15, C16, C17
        try (TestMount m = TestMount.of(build().tree())) {
            for (String bad : List.of("abc", "+60", "60abc", "201", "-1", "12345678901234567890")) {
                Shell.Result r = m.sh("bash -c 'echo " + bad + " > sys/vm/swappiness'");
                assertEquals(1, r.exit(), bad);
                assertTrue(r.err().contains("Invalid argument"), r.err());
            }
            assertEquals("60\n", m.sh("cat sys/vm/swappiness").ok());
            m.sh("echo 0x3c > sys/vm/swappiness; echo 074 > sys/vm/swappiness").ok();
            assertEquals("60\n", m.sh("cat sys/vm/swappiness").ok());
            assertTrue(m.sh("bash -c 'echo -1 > sys/net/ipv4/tcp_notsent_lowat'").err().contains("Invalid argument"));
            assertEquals("4294967295\n", m.sh("cat sys/net/ipv4/tcp_notsent_lowat").ok());
            m.sh("echo '1 2 3x' > sys/net/ipv4/tcp_notsent_lowat").ok(); // C16: rest ignored
            assertEquals("1\n", m.sh("cat sys/net/ipv4/tcp_notsent_lowat").ok());
            assertTrue(m.sh("bash -c 'echo -1 > sys/vm/shmmax'").err().contains("Invalid argument"));
            assertEquals("18446744073709547520\n", m.sh("cat sys/vm/shmmax").ok());
            m.sh("echo 7 > sys/vm/flag").ok();
            assertEquals("1\n", m.sh("cat sys/vm/flag").ok());
        }
    }

    @Test
    void stringReadsAndWrites() { // C18, C19
        try (TestMount m = TestMount.of(build().tree())) {
            assertEquals("(no", m.sh("dd if=sys/kernel/domainname bs=3 count=1 2>/dev/null").ok());
            assertEquals("(none)\n", m.sh("dd if=sys/kernel/domainname bs=1 2>/dev/null").ok());
            m.sh("printf 'abc\\ndef' > sys/kernel/domainname").ok();
            assertEquals("abc\n", m.sh("cat sys/kernel/domainname").ok());
            m.sh("printf 'x%.0s' $(seq 70) > sys/kernel/domainname").ok();
            assertEquals(64, m.sh("cat sys/kernel/domainname").ok().strip().length());
            m.sh("printf 'ab' | dd of=sys/kernel/domainname bs=1 2>/dev/null").ok(); // appends
            assertEquals("ab\n", m.sh("cat sys/kernel/domainname").ok());
        }
    }

    @Test
    void writesLeaveMtimeAloneAndTruncationMovesIt() { // C8, K6
        try (TestMount m = TestMount.of(build().tree())) {
            String before = m.sh("stat -c %Y sys/vm/swappiness").ok();
            m.sh("sleep 1.1").ok();
            m.python("import os; fd = os.open('sys/vm/swappiness', os.O_WRONLY); os.write(fd, b'61')").ok();
            assertEquals(before, m.sh("stat -c %Y sys/vm/swappiness").ok());
            assertEquals("61\n", m.sh("cat sys/vm/swappiness").ok());
            m.sh("echo 60 > sys/vm/swappiness").ok(); // O_TRUNC: a setattr
            assertTrue(Long.parseLong(m.sh("stat -c %Y sys/vm/swappiness").ok().trim())
                    > Long.parseLong(before.trim()));
        }
    }

    @Test
    void rootIsHeldToTheModeBits() { // C3, T6
        try (TestMount m = TestMount.of(build().tree())) {
            Shell.Result w = m.sh("echo 5 > sys/kernel/ngroups_max");
            assertEquals(1, w.exit()); // bash: a failed redirection
            assertTrue(w.err().contains("Permission denied"), w.err());
            Shell.Result r = m.sh("cat sys/vm/drop_caches");
            assertTrue(r.exit() != 0 && r.err().contains("Permission denied"), r.err());
            m.sh("echo 3 > sys/vm/drop_caches").ok();
            assertEquals(3, dropCaches[0]);
            Shell.Result nobody = m.shAsNobody("echo 1 > sys/vm/swappiness");
            assertTrue(nobody.err().contains("Permission denied"), nobody.err());
        }
    }

    @Test
    void namespaceOperationsAndSetattr() { // C4, T7, T10
        try (TestMount m = TestMount.of(build().tree())) {
            assertTrue(m.sh("chmod 600 sys/kernel/printk").err().contains("Operation not permitted"));
            assertTrue(m.sh("chown 1 sys/kernel/printk").err().contains("Operation not permitted"));
            assertTrue(m.sh("rm -f sys/kernel/printk").err().contains("Permission denied"));
            assertTrue(m.sh("rmdir sys/vm").err().contains("Permission denied"));
            assertTrue(m.sh("mkdir sys/kernel/new").err().contains("No such file or directory"));
            assertTrue(m.sh("touch sys/kernel/new").err().contains("No such file or directory"));
            m.sh("touch sys/kernel/printk").ok(); // utimes allowed
            assertEquals("0\n", m.sh(": > sys/kernel/printk; stat -c %s sys/kernel/printk").ok());
        }
    }

    @Test
    void unregisterRemovesFilesAndEmptyDirectories() { // C7 (open fd ENOENT)
        Procfs proc = build();
        try (TestMount m = TestMount.of(proc.tree())) {
            int[] v = {1};
            SysctlHeader h = proc.registerSysctl("dev/raid", Sysctl.intvec("speed_limit_min", v, 0644));
            assertEquals("1\n", m.sh("cat sys/dev/raid/speed_limit_min").ok());
            h.unregister();
            assertTrue(m.sh("cat sys/dev/raid/speed_limit_min").err().contains("No such file or directory"));
            assertEquals(". .. kernel net vm", m.sh("ls -f sys").ok().strip().replace('\n', ' '));
        }
    }
}
