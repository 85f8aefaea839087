package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.tool.testmodules.LateModule;
import dev.pseudofs.tool.testmodules.SlowModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A module owns what it created, whenever it created it, as the kernel's THIS_MODULE: rmmod
 * removes exactly that. Real mounts, driven with the pseudofs command and shell tools.
 */
class ModuleOwnershipIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private Path root;
    private Path jars;

    @BeforeEach
    void start() throws IOException {
        root = Files.createTempDirectory("pseudofs-own-");
        jars = Files.createTempDirectory("pseudofs-own-jars-");
        ModuleJars.make(jars, "slow.jar", SlowModule.class);
        ModuleJars.make(jars, "late.jar", LateModule.class);
        sh("./pseudofs mount --root " + root + " --demo --background").ok();
    }

    @AfterEach
    void stop() {
        sh("./pseudofs umount " + root + "; rm -rf " + root + " " + jars);
    }

    private Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script);
    }

    @Test
    void rmmodLeavesWhatOthersCreatedWhileTheModuleWasInItsInit() {
        String r = root.toString();
        Shell.Result res = sh("./pseudofs insmod " + r + " " + jars + "/slow.jar until=" + jars + "/go & ins=$!;"
                + " for i in $(seq 300); do [ -e " + r + "/proc/slow ] && break; sleep 0.1; done;"
                + " [ -e " + jars + "/go ] || echo in-init;"
                // while the init runs: a /proc/PID directory made on demand, a configfs mkdir
                + " sleep 300 & sp=$!;"
                + " exec 7<" + r + "/proc/$sp/status;"
                + " mkdir " + r + "/sys/kernel/config/02-simple-children/kid;"
                + " touch " + jars + "/go; wait $ins; echo insmod=$?;"
                + " ./pseudofs rmmod " + r + " slow; echo rmmod=$?;"
                + " [ -e " + r + "/proc/slow ] || echo slow-gone;"
                + " [ -e " + r + "/sys/module/slow ] || echo param-gone;"
                + " ls " + r + "/sys/kernel/config/02-simple-children/kid >/dev/null && echo kid-there;"
                + " IFS= read -r line <&7 && echo \"fd7=$line\" || echo fd7-failed;"
                + " kill $sp");
        String out = res.out();
        assertTrue(out.contains("in-init\n") && out.contains("insmod=0\n") && out.contains("rmmod=0\n"),
                out + res.err());
        assertTrue(out.contains("slow-gone\n") && out.contains("param-gone\n"), out);
        assertTrue(out.contains("kid-there\n"), out + res.err());
        assertTrue(out.contains("fd7=Name:"), out + res.err()); // proc/PID was not removed under it
    }

    @Test
    void rmmodRemovesWhatTheModuleCreatedAfterItsInit() {
        String r = root.toString();
        sh("./pseudofs insmod " + r + " " + jars + "/late.jar").ok();
        // a debugfs write creates files; the module's own thread adds a kobject later
        sh("echo 1 > " + r + "/sys/kernel/debug/late_make && echo 1 > " + r + "/sys/kernel/debug/late_kick;"
                + " for i in $(seq 100); do [ -e " + r + "/sys/kernel/late_thread ] && break; sleep 0.1; done").ok();
        assertEquals("late\n", sh("cat " + r + "/proc/late_proc").ok());
        sh("ls -d " + r + "/sys/kernel/late_kobj " + r + "/sys/kernel/late_thread").ok();
        sh("./pseudofs rmmod " + r + " late").ok();
        for (String gone : new String[] {"proc/late_proc", "sys/kernel/late_kobj", "sys/kernel/late_thread",
                "sys/kernel/debug/late_make", "sys/kernel/debug/late_kick"}) {
            assertTrue(sh("ls -d " + r + "/" + gone).err().contains("No such file"), gone + " left after rmmod");
        }
        // the demo module's files stay
        assertEquals("The system is not running\n", sh("cat " + r + "/sys/kernel/my_state/system_enabled").ok());
    }
}
