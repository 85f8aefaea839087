package dev.pseudofs.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * /proc/pressure through a mounted container view, driven by python3 processes placed in real
 * cgroups of the unified hierarchy: each reads its cgroup's PSI, and triggers are taken,
 * refused and fired as the host's own /proc/pressure files do (psi.rst).
 */
@Tag("mount")
class PressureIT {
    private static MountedView view;
    private static Path script;

    // Helpers run by python3 in the caller's cgroup: argv[1] the view's pressure/cpu.
    private static final String PY = String.join("\n",
            "import os, select, sys, errno",
            "def total(text, kind='some'):",
            "    return int([l for l in text.splitlines() if l.startswith(kind)][0].split('total=')[1])",
            "def write(path, data):",
            "    fd = os.open(path, os.O_RDWR)",
            "    try:",
            "        r = 'ok %d' % os.write(fd, data)",
            "        try:",
            "            os.write(fd, b'some 1 2000000\\n'); r += ' again ok'",
            "        except OSError as e: r += ' again ' + errno.errorcode[e.errno]",
            "    except OSError as e: r = errno.errorcode[e.errno]",
            "    os.close(fd)",
            "    return r",
            "def wait(path, trigger, ms):",
            "    fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)",
            "    p = select.poll(); p.register(fd, select.POLLPRI)",
            "    os.write(fd, trigger)",
            "    before = p.poll(0)",
            "    got = p.poll(ms)",
            "    os.close(fd)",
            "    return before, got",
            "");

    @BeforeAll
    static void mount() throws Exception {
        view = MountedView.ofHost();
        script = Files.createTempFile("pressure", ".py");
    }

    @AfterAll
    static void unmount() throws Exception {
        try (MountedView v = view) {
            Files.deleteIfExists(script);
        }
    }

    private static String py(String cgEnter, String body) throws Exception {
        Files.writeString(script, PY + body + "\n");
        return Shell.sh(view.proc(), cgEnter + "exec python3 " + script + " " + view.proc().resolve("pressure/cpu")).ok();
    }

    @Test
    void aProcessInAV2CgroupReadsItsCgroupsPressure() throws Exception {
        try (TestCgroup cg = TestCgroup.unified()) {
            String out = py(cg.enter(), String.join("\n",
                    "ours = open(sys.argv[1]).read()",
                    "cgroup = open('" + cg.dir().resolve("cpu.pressure") + "').read()",
                    "host = open('/proc/pressure/cpu').read()",
                    "print(ours.startswith('some avg10=') and 'full avg10=' in ours,"
                            + " total(ours) <= total(cgroup) < total(host))"));
            assertEquals("True True\n", out);
        }
        // the root cgroup's caller reads the host's file
        String out = py("", String.join("\n",
                "host = total(open('/proc/pressure/cpu').read())",
                "ours = total(open(sys.argv[1]).read())",
                "print(host <= ours <= total(open('/proc/pressure/cpu').read()))"));
        assertEquals("True\n", out);
    }

    @Test
    void triggersAreTakenAndRefusedAsTheHostDoes() throws Exception {
        // Each write once to the view's file and once to the host's (the same writer, so the
        // same CAP_SYS_RESOURCE): the same errno, the same byte count, EBUSY for a second one.
        // A zero-byte write never reaches a FUSE server (docs/containers.md), so it is left out.
        String out = py("", String.join("\n",
                "cases = [b'some 150000 1000000\\n', b'some 1 2000000', b'some 1 2000000\\n', b'some 1 2000000\\0',"
                        + " b'full 1 2000000\\n', b'some 0 2000000\\n', b'some 2000001 2000000\\n', b'some 1 20000000\\n',"
                        + " b'some 1 10000000\\n', b'some 1 0\\n', b'bogus\\n', b' some 1 2000000\\n', b'some1 2000000\\n',"
                        + " b'some  1   2000000 junk\\n', b'some -1 2000000\\n', b'some 4294967297 2000000\\n',"
                        + " b'some 4294967296 2000000\\n', b'some 1 2000000' + b' ' * 20 + b'\\n', b'x' * 40, b'some 1 499999\\n']",
                "for c in cases:",
                "    print(write(sys.argv[1], c), '|', write('/proc/pressure/cpu', c), '|', repr(c))"));
        for (String line : out.lines().toList()) {
            String[] r = line.split(" \\| ");
            assertEquals(r[1], r[0], line);
        }
        assertEquals(20, out.lines().count(), out);
        assertTrue(out.contains("ok 15 again EBUSY"), out);
        assertTrue(out.contains("EINVAL"), out);
    }

    @Test
    void aTriggerWhoseCgroupIsRemovedWakesItsPollerWithErrAndPri() throws Exception {
        // The poller holds a trigger on its cgroup's pressure, moves itself to the parent and
        // removes the cgroup: the kernel answers pollers of a removed cgroup's file
        // POLLERR|POLLPRI (kernfs_fop_poll of a deactivated node), and so does the view, within
        // a sampling period (for a 2 s window: 200 ms with CAP_SYS_RESOURCE, 2 s without).
        try (TestCgroup cg = TestCgroup.unified()) {
            String out = py(cg.enter(), String.join("\n",
                    "import time",
                    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_NONBLOCK)",
                    "p = select.poll(); p.register(fd, select.POLLPRI)",
                    "os.write(fd, b'some 500000 2000000\\n')",
                    "before = p.poll(0)",
                    "open('" + cg.dir().getParent().resolve("cgroup.procs") + "', 'w').write(str(os.getpid()))",
                    "os.rmdir('" + cg.dir() + "')",
                    "t = time.time(); got = p.poll(5000); waited = time.time() - t",
                    "print(before, [hex(e) for _, e in got], waited < 4.5, p.poll(0) == got)"));
            assertEquals("[] ['0xa'] True True\n", out);
        }
    }

    @Test
    void pollWakesWhenTheCgroupsStallCrossesTheTrigger() throws Exception {
        // No trigger: POLLERR|POLLPRI at once, as the host's file. An idle cgroup (only the
        // poller, asleep) never reaches 500 ms of stall in 2 s: 5 s pass without an event. A
        // cgroup with three busy loops on this machine's CPUs stalls for more than 100 ms every
        // 2 s: the poll wakes with POLLPRI.
        try (TestCgroup idle = TestCgroup.unified(); TestCgroup busy = TestCgroup.unified()) {
            String out = py(idle.enter(), String.join("\n",
                    "fd = os.open(sys.argv[1], os.O_RDONLY); p = select.poll(); p.register(fd, select.POLLPRI)",
                    "hfd = os.open('/proc/pressure/cpu', os.O_RDONLY); h = select.poll(); h.register(hfd, select.POLLPRI)",
                    "print(p.poll(0) == [(fd, select.POLLPRI | select.POLLERR)], h.poll(0) == [(hfd, select.POLLPRI | select.POLLERR)])",
                    "print(wait(sys.argv[1], b'some 500000 2000000\\n', 5000))"));
            assertEquals("True True\n([], [])\n", out);
            out = py(busy.enter(), String.join("\n",
                    "import subprocess",
                    "loop = 'import time\\nend = time.time() + 40\\nwhile time.time() < end: pass'",
                    "burners = [subprocess.Popen([sys.executable, '-c', loop]) for _ in range(3)]",
                    "try:",
                    "    before, got = wait(sys.argv[1], b'some 100000 2000000\\n', 30000)",
                    "finally:",
                    "    for b in burners: b.kill(); b.wait()",
                    "print(before, [e & select.POLLPRI for fd, e in got])"));
            assertEquals("[] [2]\n", out);
        }
    }
}
