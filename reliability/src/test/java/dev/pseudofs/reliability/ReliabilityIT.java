package dev.pseudofs.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The short run of the reliability suite (the long one is {@code scripts/reliability}): every
 * phase of src/test/python/reliability.py against one {@code pseudofs mount --demo --fixture} of
 * all four views. It fails on a difference from the host kernel not listed in
 * known-differences.tsv (or a listed one no longer seen), a hang, a dead server, an exception in
 * its log, or a mount or process left behind; the report is target/reliability-short.md.
 */
class ReliabilityIT {
    // diff: K8, K9, K17, K18, K23, K30, K31, K34, S7, S8, P6, P9, P10, C3, C4, C7;
    // soak: K30, K31, G3, G5; probes: S7, C3, G6, K13
    @Test
    void theShortRunFindsNoNewDifferenceNoHangAndNoLeak() throws Exception {
        Suite.Result r = Suite.run("short", "--phases", "diff,fuzz,soak,probes,kill9",
                "--fuzz-ops", "5000", "--soak-seconds", "20", "--soak-procs", "6", "--kill-rounds", "2");
        assertTrue(r.passed(), r.report());
    }
}
