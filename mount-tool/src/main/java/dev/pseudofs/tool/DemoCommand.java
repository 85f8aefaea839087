package dev.pseudofs.tool;

import dev.pseudofs.core.Mount;
import dev.pseudofs.core.MountException;
import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Mounts the example module and prints a short tour; serves until SIGINT or SIGTERM. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Mount the example module at --root and serve it until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--root", description = "mount point (created if missing), default ${DEFAULT-VALUE}")
    Path root = Path.of("/tmp/pseudofs-demo");

    @Option(names = "--allow-other", description = "let other users use the mount")
    boolean allowOther;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Files.createDirectories(root);
        Tree tree = Tree.create();
        ExampleModule.install(tree);
        Mount mount;
        try {
            mount = Mount.mount(tree, root, MountOptions.defaults().withAllowOther(allowOther));
        } catch (MountException e) {
            System.err.println("pseudofs: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mount.close();
            stopped.countDown();
        }));
        String d = root.toAbsolutePath().toString();
        System.out.println("""
                pseudofs demo mounted at %1$s. In another shell, try:
                  cat %1$s/kernel/my_state/system_enabled     # The system is not running
                  echo 1 > %1$s/kernel/my_state/enable
                  cat %1$s/kernel/my_state/system_enabled     # The system is running
                  cat %1$s/kernel/my_state/clock; cat %1$s/kernel/my_state/clock   # counts up
                  echo 42 > %1$s/kernel/my_state/clock && cat %1$s/kernel/my_state/clock
                  echo abc > %1$s/kernel/my_state/clock       # Invalid argument, value kept
                  ls -l %1$s/kernel/my_state
                Press Ctrl-C to unmount and stop.""".formatted(d));
        stopped.await();
        return 0;
    }
}
