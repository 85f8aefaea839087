/**
 * A JUnit 5 extension that mounts fake pseudo filesystems for a test: {@link
 * dev.pseudofs.junit.PseudofsTest} on the test class (or {@link dev.pseudofs.junit.PseudofsExtension}
 * with {@code @RegisterExtension}), and a {@link dev.pseudofs.junit.PseudofsRoot} parameter
 * with the root path and {@code set}/{@code get}/{@code dump}. See docs/testing.md.
 */
package dev.pseudofs.junit;
