package dev.pseudofs.bench;

import dev.pseudofs.core.BlobOps;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.Tree;
import dev.pseudofs.core.fuse.Mount;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Mounts the benchmark tree ({@link BenchTree}) and serves it until SIGTERM.
 *
 * <p>Usage: {@code BenchServer MOUNTPOINT [-s] [-i] [-o OPTION]...}; {@code -s} serves on one
 * thread, each {@code -o} is appended after the core's own options, so
 * {@code -o attr_timeout=1,entry_timeout=1} overrides the core's zero timeouts. {@code -i}
 * serves instead a tree declared wholly immutable: one 600-byte blob {@code fixed} (FUSE's
 * no-open mode, issue 15).
 */
public final class BenchServer {
    private BenchServer() {}

    /** Mounts at the first argument with the options that follow and blocks until SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: BenchServer MOUNTPOINT [-s] [-o OPTION]...");
            System.exit(2);
        }
        MountOptions options = MountOptions.defaults().withFsName("pseudofs-bench");
        Tree tree = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "-s" -> options = options.withSingleThreaded(true);
                case "-i" -> tree = immutableTree();
                case "-o" -> options = options.withOption(args[++i]);
                default -> {
                    System.err.println("BenchServer: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Mount mount = Mount.mount(tree == null ? BenchTree.create() : tree, Path.of(args[0]), options);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mount.close(); // SIGTERM: unmount before the JVM exits
            done.countDown();
        }, "bench-unmount"));
        done.await();
    }

    private static Tree immutableTree() {
        byte[] data = new byte[600];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        Tree tree = Tree.create();
        tree.declareImmutableContent();
        tree.root().createFile("fixed", 0444, FileOps.blob(new BlobOps() {
            @Override
            public int read(ByteBuffer dst, long pos) {
                int n = (int) Math.min(dst.remaining(), Math.max(0, data.length - pos));
                dst.put(data, (int) pos, n);
                return n;
            }
        }), data.length);
        return tree;
    }
}
