package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recipes of docs/containers.md, run with unshare mount namespaces standing in for
 * containers, using only the pseudofs command and util-linux tools.
 */
class ContainersIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private Path root;
    private String holder; // pid of the process that keeps the "container" namespace alive

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("pseudofs-ctr-");
    }

    @AfterEach
    void cleanUp() {
        if (holder != null) {
            sh("kill " + holder);
        }
        sh("./pseudofs umount " + root + " 2>/dev/null; rm -rf " + root);
    }

    private Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script);
    }

    private Shell.Result inContainer(String script) {
        return sh("nsenter --target " + holder + " --mount -- sh -c '" + script + "'");
    }

    @Test
    void filesBoundOverProcSurviveAServerRestartThroughRebind() {
        sh("./pseudofs mount --root " + root + " --demo --shared --background").ok();
        // The "container": a mount namespace whose mounts are slaves of the host's.
        holder = sh("unshare --mount --propagation slave sleep 600 >/dev/null 2>&1 & echo $!").ok().trim();
        sh("for i in $(seq 50); do [ \"$(readlink /proc/" + holder + "/ns/mnt)\" != \"$(readlink /proc/self/ns/mnt)\" ]"
                + " && break; sleep 0.1; done").ok();
        // runc's list allows binding over /proc/loadavg and /proc/uptime.
        inContainer("mount --bind " + root + "/proc/my_state /proc/loadavg").ok();
        inContainer("mount --bind " + root + "/proc/uptime /proc/uptime").ok();
        assertEquals("The system is disabled\n", inContainer("cat /proc/loadavg").ok());
        assertTrue(sh("cat /proc/loadavg").ok().matches("[0-9.]+ [0-9.]+ [0-9.]+ \\d+/\\d+ \\d+\n"),
                "the host keeps its own file");
        // Kill the server: the container's binds go stale.
        sh("kill -9 $(cat " + PidFile.of(root) + ")").ok();
        assertTrue(inContainer("sleep 0.3; cat /proc/loadavg").err().contains("Transport endpoint is not connected"));
        // Restart, then rebind: the same files answer again, live.
        sh("./pseudofs mount --root " + root + " --demo --shared --background").ok();
        String out = sh("./pseudofs rebind --pid " + holder + " --root " + root).ok();
        assertTrue(out.contains("rebound /proc/loadavg <- " + root + "/proc/my_state"), out);
        assertEquals("The system is disabled\n", inContainer("cat /proc/loadavg").ok());
        sh("echo 1 > " + root + "/sys/kernel/debug/my_state/enable").ok();
        assertEquals("The system is enabled\n", inContainer("cat /proc/loadavg").ok());
        assertTrue(inContainer("cat /proc/uptime").ok().matches("\\d+\\.\\d\\d \\d+\\.\\d\\d\n"));
    }

    @Test
    void aContainerInA256MiBCgroupSeesItsLimitAcrossARestart() {
        // The container-view recipe: a 256 MiB memory cgroup below this JVM's own (v1), a
        // "container" in it with the view's meminfo bound over /proc/meminfo, free -m inside.
        String cg = sh("echo /sys/fs/cgroup/memory$(awk -F: '$2==\"memory\" {print $3}' /proc/self/cgroup)"
                + "/pseudofs-ctr-$$").ok().trim().replace("//", "/");
        try {
            sh("mkdir " + cg + " && echo 268435456 > " + cg + "/memory.limit_in_bytes").ok();
            sh("./pseudofs mount --root " + root + " --containers --only proc,sys --shared --background").ok();
            holder = sh("sh -c 'echo $$ > " + cg + "/cgroup.procs; exec unshare --mount --propagation slave"
                    + " sleep 600' >/dev/null 2>&1 & echo $!").ok().trim();
            sh("for i in $(seq 50); do [ \"$(readlink /proc/" + holder + "/ns/mnt)\" != \"$(readlink /proc/self/ns/mnt)\" ]"
                    + " && break; sleep 0.1; done").ok();
            inContainer("mount --bind " + root + "/proc/meminfo /proc/meminfo").ok();
            String free = "echo $$ > " + cg + "/cgroup.procs; free -m | grep ^Mem:";
            assertTrue(inContainer(free).ok().matches("Mem: +256 .*\n"), inContainer(free).out());
            sh("kill -9 $(cat " + PidFile.of(root) + ")").ok();
            sh("./pseudofs mount --root " + root + " --containers --only proc,sys --shared --background").ok();
            sh("./pseudofs rebind --pid " + holder + " --root " + root).ok();
            assertTrue(inContainer(free).ok().matches("Mem: +256 .*\n"), inContainer(free).out());
        } finally {
            if (holder != null) {
                sh("kill " + holder + "; sleep 0.2");
                holder = null;
            }
            sh("for p in $(cat " + cg + "/cgroup.procs); do echo $p > " + cg + "/../cgroup.procs; done; rmdir " + cg);
        }
    }

    @Test
    void theServerRunsInsideAContainerNamespace() {
        // Inside its own mount namespace, as in a container given /dev/fuse and CAP_SYS_ADMIN.
        String out = sh("unshare --mount --propagation private sh -c '"
                + "./pseudofs mount --root " + root + " --only proc,sys --demo --background >/dev/null &&"
                + " cat " + root + "/sys/kernel/my_state/system_enabled &&"
                + " ./pseudofs umount " + root + "'").ok();
        assertEquals("The system is not running\n", out);
        assertEquals("0\n", sh("grep -c ' " + root + "/' /proc/mounts; true").out(),
                "the host never saw the namespace's mounts");
    }
}
