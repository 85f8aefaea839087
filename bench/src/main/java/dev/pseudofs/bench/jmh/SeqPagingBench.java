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
 * Measures the seq engine paging the 64 MiB generator of /big through {@link OpenFile#read}:
 * one operation is one sequential read request of 128 KiB (the FUSE read size), which the
 * engine answers with one 4 KiB record, as seq_read_iter does; at the end of the file
 * the next read starts again at 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SeqPagingBench {
    private static final int CHUNK = 128 * 1024;

    private OpenFile open;
    private final ByteBuffer dst = ByteBuffer.allocate(CHUNK);
    private long pos;

    /** Opens /big. */
    @Setup
    public void setUp() {
        Tree tree = BenchTree.create();
        open = tree.open(tree.resolve("/big"), 0, Caller.KERNEL);
    }

    /** Releases /big. */
    @TearDown
    public void tearDown() {
        open.release();
    }

    /** Issues one read request of 128 KiB; the engine answers with one 4 KiB record (see README). */
    @Benchmark
    public int read128k() {
        dst.clear();
        int n = open.read(dst, pos);
        pos = n == 0 || pos + n >= BenchTree.BIG ? 0 : pos + n;
        return n;
    }
}
