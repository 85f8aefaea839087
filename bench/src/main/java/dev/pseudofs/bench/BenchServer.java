package dev.pseudofs.bench;

import dev.pseudofs.core.Mount;
import dev.pseudofs.core.MountOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Mounts the benchmark tree ({@link BenchTree}) and serves it until SIGTERM.
 *
 * <p>Usage: {@code BenchServer MOUNTPOINT [-s] [-o OPTION]...}; {@code -s} serves on one
 * thread, each {@code -o} is appended after the core's own options, so
 * {@code -o attr_timeout=1,entry_timeout=1} overrides the core's zero timeouts.
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
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "-s" -> options = options.withSingleThreaded(true);
                case "-o" -> options = options.withOption(args[++i]);
                default -> {
                    System.err.println("BenchServer: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Mount mount = Mount.mount(BenchTree.create(), Path.of(args[0]), options);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mount.close(); // SIGTERM: unmount before the JVM exits
            done.countDown();
        }, "bench-unmount"));
        done.await();
    }
}
