package dev.pseudofs.tool;

import dev.pseudofs.core.MountException;
import dev.pseudofs.core.MountOptions;
import dev.pseudofs.fixtures.Fixture;
import dev.pseudofs.fixtures.FixtureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Serves views in the foreground until SIGINT or SIGTERM, which unmount every view and exit 0
 * at once, as a well-behaved daemon does: every node is removed first, so that pollers wake
 * with the removed-node answer (K29, K33), then the views go (busy ones detached lazily). The
 * server also stops, cleaning its pid file and socket, once every view it mounted has gone
 * from outside.
 */
final class Foreground {
    private static final Logger log = LoggerFactory.getLogger(Foreground.class);

    private Foreground() {}

    /**
     * Boots the views, loads {@code modules} (the demo first when asked), mounts the views
     * named {@code names} under {@code root}, opens the control socket, records the pid file,
     * prints {@code banner} (if any) and serves; returns 1 with one line on stderr when a module
     * or a mount fails.
     */
    static int serve(Path root, List<String> names, boolean demo, List<ModuleArgs> modules,
                     MountOptions options, String banner) throws InterruptedException {
        return serve(root, names, demo, modules, List.of(), options, banner, false, false);
    }

    /**
     * Serves as above, with {@code fixtures} loaded (in order) after the modules, and with
     * container views in proc and sys when {@code containers} is set; with {@code pageCache}
     * the fixtures' files are served from the kernel's page cache (MountCommand --page-cache).
     */
    static int serve(Path root, List<String> names, boolean demo, List<ModuleArgs> modules,
                     List<Fixture> fixtures, MountOptions options, String banner, boolean containers,
                     boolean pageCache) throws InterruptedException {
        Kernel kernel;
        try {
            kernel = Kernel.boot(root, containers);
        } catch (IOException e) {
            System.err.println("pseudofs: cannot find the cgroup hierarchies: " + e.getMessage());
            return 1;
        }
        AtomicReference<Control> control = new AtomicReference<>();
        AtomicBoolean wrotePidFile = new AtomicBoolean();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<Runnable> shutdownRef = new AtomicReference<>();
        Server server = new Server(root, () -> {
            shutdownRef.get().run();
            System.exit(0);
        });
        Runnable shutdown = () -> {
            Control c = control.getAndSet(null);
            if (c != null) {
                c.close();
            }
            server.deactivate(); // blocked pollers wake with the removed-node answer
            server.close();
            if (wrotePidFile.getAndSet(false)) { // never another server's pid file
                PidFile.delete(root);
            }
            stop.countDown();
        };
        shutdownRef.set(shutdown);
        // Installed before anything is mounted, so a signal during start-up unmounts too.
        for (String sig : List.of("TERM", "INT")) {
            Signal.handle(new Signal(sig), s -> {
                log.info("SIG{}: unmounting {}", sig, server.mountPoints());
                shutdown.run();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown));
        try {
            if (demo) {
                kernel.modules().load(new DemoModule(), java.util.Map.of());
            }
            for (ModuleArgs m : modules) {
                kernel.modules().loadJar(m.jar(), m.arguments());
            }
            if (pageCache) {
                kernel.fixtures().servePageCached();
            }
            for (Fixture f : fixtures) {
                kernel.fixtures().load(f);
            }
            Files.createDirectories(root);
            server.mountAll(Views.select(kernel, names), options);
            control.set(Control.serve(root, request -> handle(kernel, request)));
        } catch (MountException | dev.pseudofs.core.FsException | FixtureException | IOException e) {
            server.close();
            System.err.println("pseudofs: " + e.getMessage());
            return 1;
        }
        try {
            PidFile.write(root);
            wrotePidFile.set(true);
        } catch (IOException e) {
            log.warn("cannot write the pid file {}: {} (pseudofs umount will not find this server)",
                    PidFile.of(root), e.toString());
        }
        log.info("serving {} under {} (pid {})", names,
                server.root(), ProcessHandle.current().pid());
        Detached.ready(root);
        if (banner != null) {
            System.out.println(banner);
        }
        stop.await();
        return 0;
    }

    /** Answers insmod, rmmod, lsmod and the fixture requests sent by another pseudofs process. */
    static Control.Reply handle(Kernel kernel, List<String> request) {
        switch (request.isEmpty() ? "" : request.get(0)) {
            case "insmod" -> {
                try {
                    List<String> loaded = kernel.modules().loadJar(Path.of(request.get(1)),
                            ModuleArgs.parameters(request.subList(2, request.size())));
                    return new Control.Reply(0, "loaded " + String.join(" ", loaded));
                } catch (IOException e) {
                    return new Control.Reply(2, e.getMessage());
                }
            }
            case "rmmod" -> {
                kernel.modules().unload(request.get(1));
                return new Control.Reply(0, "");
            }
            case "lsmod" -> {
                return new Control.Reply(0, String.join("\n", kernel.modules().names()));
            }
            case "load", "set", "get", "dump", "dump-tree" -> {
                return FixtureRequests.handle(kernel.fixtures(), request);
            }
            default -> {
                return new Control.Reply(22, "unknown request " + request);
            }
        }
    }
}
