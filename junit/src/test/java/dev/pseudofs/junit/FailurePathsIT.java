package dev.pseudofs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pseudofs.sysfs.Kobject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The failure paths, each run by JUnit's EngineTestKit: a test that fails, a setup callback
 * that throws after the views are mounted, a per-class root whose tests fail, and a
 * {@code @RegisterExtension} lambda setup. After each run no view is left in
 * /proc/self/mountinfo and the temporary roots are gone.
 */
class FailurePathsIT {
    // The roots (or, for a setup that throws, the mount points it saw) the cases mounted.
    static final List<Path> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        seen.clear();
    }

    @Test
    void aFailingTestStillUnmounts() {
        run(FailingCase.class).assertStatistics(s -> s.started(2).failed(2));
        assertAllGone(2);
    }

    @Test
    void aThrowingSetupCallbackStillUnmountsWhatWasMounted() {
        run(ThrowingSetupCase.class).assertStatistics(s -> s.started(1).failed(1));
        assertAllGone(1);
    }

    @Test
    void aPerClassRootIsUnmountedAfterItsFailingTests() {
        run(PerClassFailingCase.class).assertStatistics(s -> s.started(2).failed(2));
        assertEquals(2, seen.size());
        assertEquals(seen.get(0), seen.get(1), "one root for the class");
        assertAllGone(2);
    }

    @Test
    void aRegisteredExtensionWithALambdaSetupUnmounts() {
        run(RegisteredCase.class).assertStatistics(s -> s.started(1).failed(1));
        assertAllGone(1);
    }

    @Test
    void anUnknownViewIsAClearFailureAndMountsNothing() {
        List<String> before = Mounts.all();
        Events events = run(UnknownViewCase.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        String message = events.failed().list().get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
        assertEquals("unknown view usb (known: proc, sys, debug, config)", message);
        assertEquals(before, Mounts.all());
    }

    private static Events run(Class<?> k) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(k)).execute().testEvents();
    }

    private static void assertAllGone(int expected) {
        assertEquals(expected, seen.size(), "the cases recorded their roots");
        for (Path p : seen) {
            assertEquals(List.of(), Mounts.below(p), "left mounted: " + p);
            assertFalse(Files.exists(p), "left behind: " + p);
        }
    }

    @PseudofsTest
    static class FailingCase {
        @Test
        void fails(PseudofsRoot fake) {
            seen.add(fake.root());
            fail("on purpose");
        }

        @Test
        void throwsWhileAProcessHasAFileOpen(PseudofsRoot fake) throws Exception {
            seen.add(fake.root());
            try (var in = Files.newInputStream(fake.path("proc/meminfo"))) { // open when it throws
                throw new IllegalStateException("on purpose " + in.read());
            }
        }
    }

    /** Reads what is mounted (so the views were mounted first), then throws. */
    static final class Throwing implements PseudofsSetup {
        @Override
        public void setUp(dev.pseudofs.fixtures.FixtureViews views) {
            List<String> now = Mounts.all();
            Path sys = now.stream().filter(p -> p.endsWith("/sys")).map(Path::of).reduce((a, b) -> b).orElseThrow();
            seen.add(sys.getParent());
            throw new IllegalStateException("a broken driver");
        }
    }

    @PseudofsTest(setup = Throwing.class)
    static class ThrowingSetupCase {
        @Test
        void neverRuns(PseudofsRoot fake) {
            fail("the setup threw");
        }
    }

    @PseudofsTest(perClass = true)
    static class PerClassFailingCase {
        @Test
        void one(PseudofsRoot fake) {
            seen.add(fake.root());
            fail("on purpose");
        }

        @Test
        void two(PseudofsRoot fake) {
            seen.add(fake.root());
            fail("on purpose");
        }
    }

    static class RegisteredCase {
        @RegisterExtension
        static final PseudofsExtension fake = PseudofsExtension.create().views("sys")
                .setup(views -> Kobject.createAndAdd("from_a_lambda", views.sysfs().kernel()));

        @Test
        void fails(PseudofsRoot root) {
            seen.add(root.root());
            assertEquals(true, Files.isDirectory(root.path("sys/kernel/from_a_lambda")));
            fail("on purpose");
        }
    }

    @PseudofsTest(views = {"sys", "usb"})
    static class UnknownViewCase {
        @Test
        void neverRuns(PseudofsRoot fake) {
            fail("usb is no view");
        }
    }
}
