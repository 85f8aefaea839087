/**
 * Serves the side-by-side benchmark's file shapes from a pseudofs mount and measures the core
 * in process.
 *
 * <p>A user needs {@link dev.pseudofs.bench.BenchServer} (the mount {@code bench/run.sh}
 * measures), {@link dev.pseudofs.bench.NodeMemory} (heap per attribute) and the JMH classes in
 * {@code dev.pseudofs.bench.jmh}; {@link dev.pseudofs.bench.BenchTree} lists the shapes.
 */
package dev.pseudofs.bench;
