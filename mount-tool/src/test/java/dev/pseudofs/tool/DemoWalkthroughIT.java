package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's tour, run with the pseudofs command and shell tools only. */
class DemoWalkthroughIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static Path root;
    private static String firstThreadsMax; // read before any test writes it

    @BeforeAll
    static void mountDemo() throws IOException {
        root = Files.createTempDirectory("pseudofs-demo-");
        sh("./pseudofs mount --root " + root + " --demo --background").ok();
        firstThreadsMax = in("cat proc/sys/kernel/threads-max").ok();
    }

    @AfterAll
    static void unmount() {
        sh("./pseudofs umount " + root).ok();
        Shell.run(REPO, List.of("rm", "-rf", root.toString()));
    }

    private static Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script);
    }

    private static Shell.Result in(String script) {
        return Shell.sh(root, script);
    }

    @Test
    void enableSwitchesEveryViewTogether() { // the demo module's shared state
        assertEquals("The system is not running\n", in("cat sys/kernel/my_state/system_enabled").ok());
        assertEquals("The system is disabled\n", in("cat proc/my_state").ok());
        assertEquals("0\n", in("cat sys/kernel/debug/my_state/system_state").ok());
        in("echo 1 > sys/kernel/debug/my_state/enable").ok();
        assertEquals("The system is running\n", in("cat sys/kernel/my_state/system_enabled").ok());
        assertEquals("The system is enabled\n", in("cat proc/my_state").ok());
        assertEquals("1\n", in("cat sys/kernel/debug/my_state/system_state").ok());
        in("echo 0 > sys/kernel/debug/my_state/enable").ok();
        assertEquals("The system is disabled\n", in("cat proc/my_state").ok());
    }

    @Test
    void clockCountsStoresAndRejectsJunk() { // S16, S17, K17
        String first = in("cat sys/kernel/my_state/clock").ok();
        assertEquals(Long.parseLong(first.trim()) + 1 + "\n", in("cat sys/kernel/my_state/clock").ok());
        in("echo 42 > sys/kernel/my_state/clock").ok();
        assertEquals("42\n", in("cat sys/kernel/my_state/clock").ok());
        assertTrue(in("echo abc > sys/kernel/my_state/clock").err().contains("Invalid argument"));
        assertEquals("43\n", in("cat sys/kernel/my_state/clock").ok());
        assertTrue(in("echo 1 > sys/kernel/my_state/system_enabled").err().contains("Permission denied"));
        assertEquals("-r-------- -rw-------\n", in("stat -c %A sys/kernel/my_state/system_enabled"
                + " sys/kernel/my_state/clock | paste -sd ' '").ok());
    }

    @Test
    void clockIoctlsReadAndSetTheSameClock() { // P5 (unlocked_ioctl), ENOTTY as vfs_ioctl
        String out = in(String.format("""
                python3 - <<'EOF'
                import errno, fcntl, os, struct
                fd = os.open('sys/kernel/debug/my_state/clock', os.O_RDONLY)
                fcntl.ioctl(fd, %d, struct.pack('=i', 1000))          # _IOW('m', 2, int): set
                r = [struct.unpack('=i', fcntl.ioctl(fd, %d, bytes(4)))[0]]  # _IOR('m', 1, int): get
                r.append(open('sys/kernel/debug/my_state/clock').read())
                r.append(open('sys/kernel/my_state/clock').read())    # the sysfs view counts it
                r.append(struct.unpack('=i', fcntl.ioctl(fd, %d, bytes(4)))[0])
                try:
                    fcntl.ioctl(fd, %d, bytes(4))                     # _IOR('m', 3, int): unknown
                except OSError as e:
                    r.append(e.errno)
                print(r)
                EOF
                """, DemoModule.CLOCK_SET, DemoModule.CLOCK_GET, DemoModule.CLOCK_GET,
                dev.pseudofs.core.IoctlCmd.ior('m', 3, 4))).ok();
        assertEquals("[1000, '1000\\n', '1000\\n', 1001, 25]\n", out); // 25: ENOTTY
    }

    @Test
    void threadsMaxStartsAtTheHostsValueC15() { // C15: within its own bounds
        assertEquals(Shell.sh(REPO, "cat /proc/sys/kernel/threads-max").ok(), firstThreadsMax);
        int v = Integer.parseInt(firstThreadsMax.trim());
        assertTrue(v >= DemoModule.THREADS_MIN && v <= DemoModule.THREADS_MAX, firstThreadsMax);
    }

    @Test
    void threadsMaxTakesValuesInRangeOnly() { // C15, C20
        in("echo 10000 > proc/sys/kernel/threads-max").ok();
        assertEquals("10000\n", in("cat proc/sys/kernel/threads-max").ok());
        assertTrue(in("echo 19 > proc/sys/kernel/threads-max").err().contains("Invalid argument"));
        assertTrue(in("echo lots > proc/sys/kernel/threads-max").err().contains("Invalid argument"));
        assertEquals("10000\n", in("cat proc/sys/kernel/threads-max").ok());
    }

    @Test
    void demoNumbersFollowTheModuleParameter() { // Q4-Q7, S30
        assertEquals("100000\n", in("cat sys/module/demo/parameters/count").ok());
        assertEquals("100000 99999\n", in("wc -l < proc/demo_numbers | tr -d '\\n'; echo -n ' '; tail -n1 proc/demo_numbers").ok());
        in("echo 3 > sys/module/demo/parameters/count").ok();
        assertEquals("0\n1\n2\n", in("cat proc/demo_numbers").ok());
        in("echo 100000 > sys/module/demo/parameters/count").ok();
    }

    @Test
    void wakeupGranularityIsAU64() { // D8, D9
        assertEquals("4000000\n", in("cat sys/kernel/debug/sched/wakeup_granularity_ns").ok());
        in("echo 3000000 > sys/kernel/debug/sched/wakeup_granularity_ns").ok();
        assertEquals("3000000\n", in("cat sys/kernel/debug/sched/wakeup_granularity_ns").ok());
        in("echo 4000000 > sys/kernel/debug/sched/wakeup_granularity_ns").ok();
    }

    @Test
    void configfsSamplesTakeMkdirAndRmdir() { // G1, G3, G4, G5
        assertEquals("01-childless\n02-simple-children\n03-group-children\n",
                in("ls sys/kernel/config").ok());
        String c = "sys/kernel/config/";
        in("mkdir " + c + "02-simple-children/child1").ok();
        assertEquals("storeme\n", in("ls " + c + "02-simple-children/child1").ok());
        in("echo 7 > " + c + "02-simple-children/child1/storeme").ok();
        assertEquals("7\n", in("cat " + c + "02-simple-children/child1/storeme").ok());
        in("rmdir " + c + "02-simple-children/child1").ok();
        in("mkdir " + c + "03-group-children/g && mkdir " + c + "03-group-children/g/c").ok();
        assertTrue(in("rmdir " + c + "03-group-children/g").err().contains("Directory not empty"));
        in("rmdir " + c + "03-group-children/g/c " + c + "03-group-children/g").ok();
        assertTrue(in("mkdir " + c + "newsys").err().contains("Operation not permitted"));
    }

    @Test
    void procSelfIsTheReader() { // P12
        assertEquals("True\n", Shell.python(root,
                "import os; print(os.readlink('proc/self') == str(os.getpid()))").ok());
        assertTrue(in("cat proc/uptime").ok().matches("\\d+\\.\\d\\d \\d+\\.\\d\\d\n"));
    }
}
