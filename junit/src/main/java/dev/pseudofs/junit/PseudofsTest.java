package dev.pseudofs.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mounts a fresh fake /proc, /sys, /sys/kernel/debug and /sys/kernel/config under a temporary
 * root for each test of the class (or once for the class), and injects it as a
 * {@link PseudofsRoot} parameter. Everything is unmounted after the test, also when it fails.
 *
 * <pre>{@code
 * @PseudofsTest(fixtures = "battery.yaml")
 * class BatteryTest {
 *     @Test
 *     void lowBattery(PseudofsRoot fake) {
 *         fake.set("sys/class/power_supply/BAT0/capacity", "5");
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PseudofsExtension.class)
public @interface PseudofsTest {
    /**
     * Returns the fixture files to load, in order: class path resources relative to the test
     * class (or absolute with a leading {@code /}); YAML/JSON, {@code .ttar}, {@code .umockdev}
     * or a fixture tree (a directory of the class path).
     */
    String[] fixtures() default {};

    /** Returns the views to mount: any of proc, sys, debug, config (all four by default). */
    String[] views() default {"proc", "sys", "debug", "config"};

    /**
     * Returns callbacks that register kobjects, sysctls, debugfs values ... after the fixtures
     * are loaded; each needs a no-argument constructor.
     */
    Class<? extends PseudofsSetup>[] setup() default {};

    /** Returns whether one tree serves every test of the class instead of one per test. */
    boolean perClass() default false;
}
