package dev.pseudofs.tool;

import dev.pseudofs.core.MountOptions;
import dev.pseudofs.fixtures.Fixture;
import dev.pseudofs.fixtures.FixtureException;
import dev.pseudofs.fixtures.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Mounts the views under a root and serves them: in the foreground until SIGINT or SIGTERM,
 * or, with {@code --background}, as a detached server once every view answers.
 */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = "Mount proc, sys, sys/kernel/debug and sys/kernel/config under --root.")
final class MountCommand implements Callable<Integer> {
    /** Entry and attribute timeouts of a --page-cache mount, seconds (the kernel keeps names). */
    static final int PAGE_CACHE_TIMEOUT = 3600;

    @Option(names = "--root", required = true, description = "directory to mount the views under")
    Path root;

    @Option(names = "--only", split = ",", description = "views to mount (default: all): proc,sys,debug,config")
    List<String> only = new ArrayList<>(View.NAMES);

    @Option(names = "--page-size", description = "page size of show/store files (default ${DEFAULT-VALUE})")
    int pageSize = 4096;

    @Option(names = "--allow-other", description = "let other users use the views (always with default_permissions)")
    boolean allowOther;

    @Option(names = "-o", description = "extra FUSE option, repeatable; also spin=MICROS "
            + "(default 50) and noxattr (docs/architecture.md)")
    List<String> fuseOptions = new ArrayList<>();

    @Option(names = "--demo", description = "load the demo module")
    boolean demo;

    @Option(names = "--module", arity = "1..*", paramLabel = "JAR [param=value...]",
            description = "load the modules of JAR with these parameters; repeatable")
    List<String> moduleWords = new ArrayList<>();

    @Option(names = "--fixture", paramLabel = "FILE",
            description = "serve the fixture FILE (YAML/JSON, .ttar or .umockdev); repeatable, loaded in order")
    List<Path> fixtureFiles = new ArrayList<>();

    @Option(names = "--shared", description = "make --root a shared mount point, so that views"
            + " mounted again after a restart reach container namespaces (see docs/containers.md)")
    boolean shared;

    @Option(names = "--containers", description = "serve container views: proc and sys files computed"
            + " from the reading process's cgroup, for binding into containers (see docs/containers.md)")
    boolean containers;

    @Option(names = "--page-cache", description = "serve the --fixture files from the kernel's page cache:"
            + " much faster to read a whole recording, but each file stats its length (sysfs"
            + " attributes not 4096, proc files not 0) and poll cannot see reads (docs/compat.md)")
    boolean pageCache;

    @Option(names = "--background", description = "detach once every view answers; stop with pseudofs umount")
    boolean background;

    @Option(names = "--verbose", description = "trace every FUSE call (DEBUG logging)")
    boolean verbose;

    @Option(names = "--heap", paramLabel = "SIZE", converter = ServerJvm.Size.class,
            description = "the server's Java heap, e.g. 512m or 2g (default: 64m plus 8 bytes"
                    + " per byte of --fixture files)")
    Long heap;

    @Override
    public Integer call() throws Exception {
        String bad = checkRoot(root);
        MountOptions options = MountOptions.defaults().withAllowOther(allowOther);
        try {
            for (String v : only) {
                View.pathOf(v); // rejects unknown names before anything is mounted
            }
            if (pageSize < 4096 || Integer.bitCount(pageSize) != 1) { // what Tree.setPageSize takes
                throw new IllegalArgumentException("--page-size " + pageSize + " is not a power of two >= 4096");
            }
            options = options.withPageSize(pageSize);
            for (String o : fuseOptions) {
                options = options.withOption(o);
            }
            if (pageCache && fixtureFiles.isEmpty()) {
                throw new IllegalArgumentException("--page-cache serves --fixture files: give at least one");
            }
            if (pageCache) { // what only set, load and writes change, each telling the kernel
                for (String t : List.of("entry_timeout", "attr_timeout")) {
                    if (fuseOptions.stream().noneMatch(o -> o.startsWith(t + "="))) {
                        options = options.withOption(t + "=" + PAGE_CACHE_TIMEOUT);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            bad = e.getMessage();
        }
        if (bad != null) { // checked here, so that --background shows it too
            System.err.println("pseudofs: mount: " + bad + " (see pseudofs mount --help)");
            return Main.USAGE;
        }
        long heapBytes = ServerJvm.heap(heap, fixtureFiles);
        boolean fits = ServerJvm.fits(heapBytes);
        // Started detached by the launcher: this JVM is the server (else Background starts one).
        boolean detached = background && fits && Detached.requested();
        // Fixtures are read before anything starts, so a bad one fails here with file:line;
        // ones too big for this JVM are left to the server, which reports the same line.
        List<Fixture> fixtures = new ArrayList<>();
        for (Path f : fits ? fixtureFiles : List.<Path>of()) {
            try {
                if (background && !detached) {
                    Fixtures.check(f); // the server reads it again: a tree's index is enough here
                } else {
                    fixtures.add(Fixtures.read(f));
                }
            } catch (FixtureException e) {
                System.err.println("pseudofs: " + e.getMessage());
                return 1;
            }
        }
        try {
            PidFile.claim(root, (detached || !background) && fits); // one server per root; the one alive is left alone
        } catch (PidFile.Busy e) {
            System.err.println("pseudofs: " + e.getMessage());
            return 1;
        }
        if (background && !detached) {
            return Background.start(root, Main.arguments(), heapBytes, PidFile.freshLog(root));
        }
        if (!fits) { // serve from a JVM with the heap it needs (it claims the root itself)
            return ServerJvm.runAttached(heapBytes, Arrays.asList(Main.arguments()));
        }
        if (detached) {
            Detached.redirect(PidFile.freshLog(root));
        }
        if (verbose) {
            Logging.verbose();
        }
        if (shared) {
            try {
                java.nio.file.Files.createDirectories(root);
                SharedRoot.make(root);
            } catch (java.io.IOException e) {
                System.err.println("pseudofs: cannot make " + root + " shared: " + e.getMessage());
                return 1;
            }
        }
        return Foreground.serve(root, only, demo, ModuleArgs.split(moduleWords), fixtures, options, null,
                containers, pageCache);
    }

    /** Returns why {@code root} cannot be a --root (it exists and is no directory), or null. */
    static String checkRoot(Path root) {
        if (java.nio.file.Files.exists(root) && !java.nio.file.Files.isDirectory(root)) {
            return "--root " + root + " is not a directory";
        }
        return null;
    }

    /** Returns the arguments with {@code --background} removed (what the detached server runs). */
    static List<String> withoutBackground(String[] args) {
        List<String> out = new ArrayList<>(Arrays.asList(args));
        out.remove("--background");
        return out;
    }
}
