package dev.pseudofs.bench.jmh;

import dev.pseudofs.bench.BenchTree;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.Tree;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Measures {@link Tree#resolve}: the path walk every FUSE callback starts with. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResolveBench {
    private Tree tree;

    /** Builds the benchmark tree plus a sysfs-deep path. */
    @Setup
    public void setUp() {
        tree = BenchTree.create();
        Dir d = tree.root();
        for (String name : new String[] {"devices", "system", "cpu", "cpu0", "cpufreq"}) {
            d = d.createDir(name, 0755);
        }
        d.createFile("scaling_cur_freq", 0444, FileOps.show(b -> b.line(1)), File.PAGE_SIZE);
    }

    /** Resolves a top-level file (/small). */
    @Benchmark
    public Node shallow() {
        return tree.resolve("/small");
    }

    /** Resolves a file in the 10,000-entry directory. */
    @Benchmark
    public Node wideDir() {
        return tree.resolve("/dir/f04711");
    }

    /** Resolves a six-component sysfs-like path. */
    @Benchmark
    public Node deep() {
        return tree.resolve("/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq");
    }
}
