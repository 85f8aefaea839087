package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import dev.pseudofs.core.testing.TestMount;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The options the bridge itself implements: {@code -o noxattr} and {@code -o spin=MICROS}. */
class BridgeOptionsIT {
    // Every xattr call of the probe, and what it answered: the value, or the errno's name.
    private static final String XATTR_PROBE = String.join("\n",
            "import os, errno",
            "def call(f, *a):",
            "    try:",
            "        r = f(*a)",
            "        return r.decode() if isinstance(r, bytes) else repr(r)",
            "    except OSError as e:",
            "        return 'EOPNOTSUPP' if e.errno == errno.EOPNOTSUPP else errno.errorcode[e.errno]",
            "print(call(os.setxattr, 'f', 'security.mark', b'on'))",
            "print(call(os.getxattr, 'f', 'security.mark'))",
            "print(call(os.getxattr, 'f', 'security.selinux'))",
            "print(call(os.listxattr, 'f'))",
            "print(call(os.removexattr, 'f', 'security.mark'))",
            "print(open('f').read(), end='')",
            "");

    private static Tree tree() {
        Tree tree = Tree.create();
        tree.root().createFile("f", 0644, FileOps.showStore(b -> b.line(7), null), File.PAGE_SIZE);
        return tree;
    }

    @Test
    void byDefaultANodeKeepsSecurityXattrsAsKernfsDoes() { // K15
        try (TestMount m = TestMount.of(tree())) {
            assertEquals("None\non\nENODATA\n['security.mark']\nNone\n7\n", m.python(XATTR_PROBE).ok());
        }
    }

    @Test
    void noxattrAnswersEveryXattrCallEopnotsuppAndLosesNothingElse() { // K15 (docs/compat.md)
        Tree tree = tree();
        try (TestMount m = TestMount.of(tree, MountOptions.defaults().withOption("noxattr"))) {
            assertEquals("EOPNOTSUPP\nEOPNOTSUPP\nEOPNOTSUPP\nEOPNOTSUPP\nEOPNOTSUPP\n7\n", m.python(XATTR_PROBE).ok());
            assertEquals("-rw-r--r-- f\n", m.sh("ls -l | awk 'NR>1{print $1, $NF}'").ok());
            assertEquals(null, tree.root().lookup("f").xattrsIfAny()); // nothing was stored
        }
    }

    @Test
    void everySpinServesAndABadOneIsRefusedWithTheOption() {
        for (String spin : new String[] {"spin=0", "spin=1", "spin=1000"}) {
            try (TestMount m = TestMount.of(tree(), MountOptions.defaults().withOption(spin))) {
                assertEquals("200\n", m.sh("for i in $(seq 200); do cat f; done | grep -c '^7$'").ok(), spin);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MountOptions.defaults().withOption("spin=soon"));
        assertTrue(e.getMessage().contains("spin=soon"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MountOptions.defaults().withOption("spin=-1"));
    }

    // A worker spins only after answering: once requests stop it sleeps in poll(2). A worker that
    // never stopped spinning would cost this JVM a whole CPU second per second.
    @Test
    void aMountThatWasBusyAndIsNowIdleBurnsNoCpu() throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (TestMount m = TestMount.of(tree(), MountOptions.defaults().withOption("spin=100000"))) {
            assertEquals("500\n", m.sh("for i in $(seq 500); do cat f; done | grep -c '^7$'").ok());
            Thread.sleep(500); // past the 0.1 s spin, and the compiler's work on what just ran
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(1000);
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - t0;
            assertTrue(cpu < wall / 3, "idle mount used " + cpu / 1_000_000 + " ms of CPU in " + wall / 1_000_000 + " ms");
        }
    }
}
