package dev.pseudofs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pseudofs.core.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * JUnit's parallel execution (junit.jupiter.execution.parallel.enabled): four tests of one
 * class run at the same time, each with its own mounted root, each setting and reading its own
 * value through cat; afterwards no view is left in /proc/self/mountinfo.
 */
class ParallelIT {
    static final int TESTS = 4;
    static final List<Path> roots = new CopyOnWriteArrayList<>();
    static final CyclicBarrier allMounted = new CyclicBarrier(TESTS);

    @Test
    void concurrentTestsEachHaveTheirOwnMount() {
        roots.clear();
        allMounted.reset();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(TESTS))
                .selectors(selectClass(ConcurrentCase.class)).execute()
                .testEvents().assertStatistics(s -> s.started(TESTS).succeeded(TESTS));
        assertEquals(TESTS, new HashSet<>(roots).size(), "one root each");
        for (Path p : roots) {
            assertEquals(List.of(), Mounts.below(p), "left mounted: " + p);
            assertEquals(false, Files.exists(p));
        }
    }

    @PseudofsTest(fixtures = "battery.yaml")
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentCase {
        @RepeatedTest(TESTS)
        void setsAndReadsItsOwnValue(PseudofsRoot fake) throws Exception {
            roots.add(fake.root());
            int mine = roots.indexOf(fake.root()) + 10;
            fake.set("sys/class/power_supply/BAT0/capacity", String.valueOf(mine));
            // Every test holds its mount at this point at the same time: they do run in parallel.
            allMounted.await(60, TimeUnit.SECONDS);
            assertEquals(4, Mounts.below(fake.root()).size());
            assertEquals(mine + "\n", Shell.sh(fake.root(), "cat sys/class/power_supply/BAT0/capacity").ok());
            allMounted.await(60, TimeUnit.SECONDS);
        }
    }
}
