/**
 * Measures the in-process hot paths with JMH: {@link dev.pseudofs.bench.jmh.ResolveBench},
 * {@link dev.pseudofs.bench.jmh.ShowReadBench} and {@link dev.pseudofs.bench.jmh.SeqPagingBench}.
 */
package dev.pseudofs.bench.jmh;
