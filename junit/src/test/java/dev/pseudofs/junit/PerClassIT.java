package dev.pseudofs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pseudofs.core.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One root for the whole class, when asked; only the views asked for are mounted. */
@PseudofsTest(fixtures = "battery.yaml", views = "sys", perClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassIT {
    private static Path root;

    @Test
    @Order(1)
    void onlySysIsMounted(PseudofsRoot fake) {
        root = fake.root();
        assertEquals(List.of(fake.path("sys").toString()), Mounts.below(fake.root()));
        assertFalse(Files.exists(fake.path("proc")));
        fake.set("sys/class/power_supply/BAT0/capacity", "12");
    }

    @Test
    @Order(2)
    void theSecondTestSharesTheRootAndItsValues(PseudofsRoot fake) {
        assertEquals(root, fake.root());
        assertEquals("12\n", Shell.sh(fake.root(), "cat sys/class/power_supply/BAT0/capacity").ok());
    }

    @AfterAll
    static void stillMountedUntilTheClassEnds() {
        // The extension's afterAll runs after this method: the root is still there.
        assertEquals(1, Mounts.below(root).size());
    }
}
