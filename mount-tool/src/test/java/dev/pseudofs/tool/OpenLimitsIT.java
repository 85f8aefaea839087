package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hostile local user against a shared mount (--allow-other): nobody holds as many open and
 * read files as its descriptors allow. Without a limit that filled the server's heap within a
 * second, and every caller, root too, got EIO until nobody let go. Now nobody's opens stop at
 * its share with ENFILE, the operator is told in the log, root is served all along, and nobody
 * opens again once it closed.
 */
class OpenLimitsIT {
    private static final String FILE = "/sys/module/demo/parameters/count";
    private static final Pattern WARNING = Pattern.compile("uid 65534 holds (\\d+) open files and directories");
    @RegisterExtension
    final CliSandbox box = new CliSandbox("pseudofs-limits-");

    @Test
    void oneUserOtherThanRootGetsENFILEAtItsShareAndRootIsServedAllAlong() throws IOException {
        String root = box.root.toString();
        box.sh("chmod 755 " + box.base + " " + root + "; ./pseudofs mount --root " + root
                + " --only proc,sys --demo --allow-other --background").ok();
        // nobody opens and reads until refused, then root reads while nobody holds them all,
        // then nobody closes one and opens again
        String program = String.join("\n",
                "import os, subprocess",
                "fds = []",
                "try:",
                "    for i in range(19000):",
                "        fd = os.open('" + root + FILE + "', os.O_RDONLY); os.read(fd, 100); fds.append(fd)",
                "    print('never refused')",
                "except OSError as e:",
                "    print(len(fds), e.errno)",
                "try:",
                "    os.open('" + root + "/proc/sys/kernel/threads-max', os.O_RDONLY); print('proc opened')",
                "except OSError as e:",
                "    print('proc', e.errno)",
                "r = subprocess.run(['sh', '-c', 'cat " + root + FILE + " " + root + "/proc/sys/kernel/threads-max'],"
                        + " capture_output=True, text=True, preexec_fn=lambda: (os.setresgid(0, 0, 0), os.setresuid(0, 0, 0)))",
                "print(r.returncode, r.stdout.split(), r.stderr.strip())",
                "os.close(fds.pop())",
                "fd = os.open('" + root + FILE + "', os.O_RDONLY); print(os.read(fd, 100))");
        // Root runs python with as many descriptors as the hard limit allows, which drops to nobody for its own
        // opens and keeps a way back for root's reads (setresuid keeps the saved uid 0).
        Shell.Result r = box.sh("/usr/bin/python3 -c \"import os, resource;"
                + " h = resource.getrlimit(resource.RLIMIT_NOFILE)[1]; resource.setrlimit(resource.RLIMIT_NOFILE, (h, h));"
                + " os.setresgid(65534, 65534, 0);"
                + " os.setresuid(65534, 65534, 0); exec(open('" + writeProgram(program) + "').read())\"");
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out() + r.err());
        String log = Files.readString(box.file(".log"));
        Matcher m = WARNING.matcher(log);
        assertTrue(m.find(), log);
        assertEquals(m.group(1) + " 23", lines.get(0), "refused with ENFILE at the share the log names");
        assertEquals("proc 23", lines.get(1), "the share is the server's, whichever view");
        assertTrue(lines.get(2).startsWith("0 ['100000', "), "root was served: " + lines.get(2));
        assertEquals("b'100000\\n'", lines.get(3));
        assertFalse(log.contains("OutOfMemoryError"), log);
    }

    private String writeProgram(String program) throws IOException {
        java.nio.file.Path p = box.base.resolve("hostile.py");
        Files.writeString(p, program + "\n");
        return p.toString();
    }
}
