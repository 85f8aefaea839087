package dev.pseudofs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.fixtures.FixtureViews;
import dev.pseudofs.sysfs.Attribute;
import dev.pseudofs.sysfs.AttributeGroup;
import dev.pseudofs.sysfs.Kobject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fresh root per test: every view mounted (as pseudofs mount does), the fixture and the setup
 * callback installed, set/get/dump through the handle seen by real processes, and the previous
 * test's root unmounted and deleted.
 */
@PseudofsTest(fixtures = "battery.yaml", setup = LifecycleIT.Driver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {
    private static Path previous;

    /** A driver's kobject, registered with the project's API after the fixture. */
    static final class Driver implements PseudofsSetup {
        @Override
        public void setUp(FixtureViews views) {
            Kobject k = Kobject.createAndAdd("my_driver", views.sysfs().kernel());
            k.createGroup(AttributeGroup.of(Attribute.ro("answer", buf -> buf.append("42\n"))));
        }
    }

    @Test
    @Order(1)
    void everyViewIsMountedUnderAFreshRoot(PseudofsRoot fake) {
        previous = fake.root();
        for (String v : PseudofsRoot.VIEWS) {
            Path mnt = fake.path(PseudofsRoot.pathOf(v));
            assertEquals("pseudofs-" + v, Mounts.fsName(mnt), v + " at " + mnt);
        }
        assertEquals(4, Mounts.below(fake.root()).size());
        assertTrue(fake.isMounted());
        assertEquals(fake.tree("sys"), fake.views().sysfs().tree());
        fake.set("sys/class/power_supply/BAT0/capacity", "5"); // the next test must not see it
    }

    @Test
    @Order(2)
    void theNextTestGetsANewTreeAndThePreviousRootIsGone(PseudofsRoot fake) {
        assertNotEquals(previous, fake.root());
        assertEquals(List.of(), Mounts.below(previous), "the first test's views are unmounted");
        assertFalse(Files.exists(previous), "and its root deleted");
        assertEquals("87\n", fake.get("sys/class/power_supply/BAT0/capacity"), "the fixture's value, not the last test's");
    }

    @Test
    @Order(3)
    void setGetAndDumpAreWhatCatAndEchoSee(PseudofsRoot fake) {
        String cap = "sys/class/power_supply/BAT0/capacity";
        fake.set(cap, "5");
        assertEquals("5\n", Shell.sh(fake.root(), "cat " + cap).ok());
        Shell.sh(fake.root(), "echo 33 > " + cap).ok();
        assertEquals("33\n", fake.get(cap));
        assertEquals("33\n", fake.get(fake.path(cap).toString()), "an absolute path inside the root");
        assertTrue(fake.dump("sys").contains("BAT0/capacity\": {int: 33,"), fake.dump("sys"));
        // A read-only value: users get EACCES (K17), the handle still sets it, as pseudofs set.
        fake.set("sys/class/power_supply/BAT0/status", "Charging");
        assertEquals("Charging\n", Shell.sh(fake.root(), "cat sys/class/power_supply/BAT0/status").ok());
        assertEquals(1, Shell.sh(fake.root(), "echo Full > sys/class/power_supply/BAT0/status").exit());
        // A value not of the entry's kind: EINVAL, the old value stays.
        dev.pseudofs.core.FsException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.pseudofs.core.FsException.class, () -> fake.set(cap, "lots"));
        assertEquals(dev.pseudofs.core.Errno.EINVAL, e.errno());
        assertEquals("33\n", Shell.sh(fake.root(), "cat " + cap).ok());
    }

    @Test
    @Order(4)
    void theSetupCallbacksNodesAreServed(PseudofsRoot fake) {
        assertEquals("42\n", Shell.sh(fake.root(), "cat sys/kernel/my_driver/answer").ok());
        assertEquals("42\n", fake.get("sys/kernel/my_driver/answer"));
    }
}
