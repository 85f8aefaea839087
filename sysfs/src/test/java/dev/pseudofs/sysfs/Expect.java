package dev.pseudofs.sysfs;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;

/** Asserts how a shell command failed. */
final class Expect {
    private Expect() {}

    /** Asserts that {@code r} failed and its stderr names {@code message} (strerror text). */
    static void fails(Shell.Result r, String message) {
        assertNotEquals(0, r.exit(), "expected failure with " + message + ", got: " + r.out());
        assertTrue(r.err().contains(message), "expected \"" + message + "\" in: " + r.err());
    }
}
