package dev.pseudofs.junit;

import dev.pseudofs.fixtures.FixtureViews;

/**
 * Registers a test's own nodes in the four views with the project's API (kobjects and
 * attributes, sysctl tables, debugfs values, configfs subsystems), as a kernel module would.
 */
@FunctionalInterface
public interface PseudofsSetup {
    /** Registers nodes in {@code views}; a throw fails the test and unmounts what was mounted. */
    void setUp(FixtureViews views) throws Exception;
}
