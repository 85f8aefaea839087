package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.Tree;
import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Test;

/** The lecture's example module from a real shell. */
class ExampleModuleIT {
    @Test
    void theExampleModuleWorksFromAShell() { // K17, K19, S16, S17
        Tree tree = Tree.create();
        ExampleModule.install(tree);
        try (TestMount m = TestMount.of(tree)) {
            String dir = "kernel/my_state/";
            assertEquals("The system is not running\n", m.sh("cat " + dir + "system_enabled").ok());
            m.sh("echo 1 > " + dir + "enable").ok();
            assertEquals("The system is running\n", m.sh("cat " + dir + "system_enabled").ok());
            assertEquals("0\n1\n", m.sh("cat " + dir + "clock; cat " + dir + "clock").ok());
            m.sh("echo 42 > " + dir + "clock").ok();
            assertEquals("42\n", m.sh("cat " + dir + "clock").ok());
            Shell.Result bad = m.sh("echo abc > " + dir + "clock");
            assertTrue(bad.err().contains("Invalid argument"), bad.err());
            assertEquals("43\n", m.sh("cat " + dir + "clock").ok()); // unchanged by the bad write
            assertTrue(m.sh("echo 1 > " + dir + "system_enabled").err().contains("Permission denied"));
            assertTrue(m.shAsNobody("cat " + dir + "clock").err().contains("Permission denied"));
            assertEquals("-r-------- -rw------- --w-------\n", m.sh("stat -c %A " + dir
                    + "system_enabled " + dir + "clock " + dir + "enable | tr '\\n' ' ' | sed 's/ $/\\n/'").ok());
        }
    }
}
