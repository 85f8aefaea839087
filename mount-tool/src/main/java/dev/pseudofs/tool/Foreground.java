package dev.pseudofs.tool;

import dev.pseudofs.core.MountException;
import dev.pseudofs.core.MountOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Serves views in the foreground until SIGINT or SIGTERM, which unmount every view (waiting
 * for each) and exit 0, as a well-behaved daemon does.
 */
final class Foreground {
    private static final Logger log = LoggerFactory.getLogger(Foreground.class);

    private Foreground() {}

    /**
     * Mounts {@code views} under {@code root}, records the pid file, prints {@code banner}
     * (if any) and serves; returns 1 with one line on stderr when mounting fails.
     */
    static int serve(Path root, List<View> views, MountOptions options, String banner)
            throws InterruptedException {
        Server server;
        try {
            Files.createDirectories(root);
            server = Server.start(root, views, options);
        } catch (MountException e) {
            System.err.println("pseudofs: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("pseudofs: cannot prepare the mount points under " + root + ": " + e);
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runnable shutdown = () -> {
            server.close();
            PidFile.delete(root);
            stop.countDown();
        };
        for (String sig : List.of("TERM", "INT")) {
            Signal.handle(new Signal(sig), s -> {
                log.info("SIG{}: unmounting {}", sig, server.mountPoints());
                shutdown.run();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown));
        try {
            PidFile.write(root);
        } catch (IOException e) {
            log.warn("cannot write the pid file {}: {} (pseudofs umount will not find this server)",
                    PidFile.of(root), e.toString());
        }
        log.info("serving {} under {} (pid {})", views.stream().map(View::name).toList(),
                server.root(), ProcessHandle.current().pid());
        if (banner != null) {
            System.out.println(banner);
        }
        stop.await();
        return 0;
    }
}
