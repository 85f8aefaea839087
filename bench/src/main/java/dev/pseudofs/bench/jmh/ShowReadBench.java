package dev.pseudofs.bench.jmh;

import dev.pseudofs.bench.BenchTree;
import dev.pseudofs.core.Caller;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.Tree;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Measures a show into a {@code PageBuffer} through {@link OpenFile#read}: what one FUSE
 * open+read+release of /small costs in the core, without the kernel round trips.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ShowReadBench {
    private Tree tree;
    private OpenFile open;
    private final ByteBuffer dst = ByteBuffer.allocate(4096);

    /** Builds the tree and opens /small once for the read-only variant. */
    @Setup
    public void setUp() {
        tree = BenchTree.create();
        open = tree.open(tree.resolve("/small"), 0, Caller.KERNEL);
    }

    /** Releases the long-lived open file. */
    @TearDown
    public void tearDown() {
        open.release();
    }

    /** Reads at offset 0 of an open file: a fresh show every time (kernfs seq_read restart). */
    @Benchmark
    public int readAtZero() {
        dst.clear();
        return open.read(dst, 0);
    }

    /** Opens, reads 4096 at offset 0 and releases, as one cat of the file does. */
    @Benchmark
    public int openReadRelease() {
        OpenFile of = tree.open(tree.resolve("/small"), 0, Caller.KERNEL);
        try {
            dst.clear();
            return of.read(dst, 0);
        } finally {
            of.release();
        }
    }
}
