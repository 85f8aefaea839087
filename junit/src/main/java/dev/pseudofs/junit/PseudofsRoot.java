package dev.pseudofs.junit;

import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.Tree;
import dev.pseudofs.core.fuse.Mount;
import dev.pseudofs.fixtures.Fixture;
import dev.pseudofs.fixtures.FixtureViews;
import dev.pseudofs.fixtures.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Is one fake root mounted for a test: the views under a temporary directory, driven from the
 * test as {@code pseudofs set/get/dump} drive a server (the same {@link Fixtures} code). Closing
 * unmounts every view, innermost first, and deletes the directory.
 */
public final class PseudofsRoot implements AutoCloseable {
    /** The view names in mount order: debug and config are mounted inside sys. */
    static final List<String> VIEWS = List.of("proc", "sys", "debug", "config");

    private final Path root;
    private final FixtureViews views;
    private final Fixtures fixtures;
    private final List<Mount> mounts = new ArrayList<>(); // guarded by itself

    private PseudofsRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.views = FixtureViews.boot(root);
        this.fixtures = new Fixtures(views);
    }

    /**
     * Mounts {@code viewNames} under a fresh temporary directory, loads {@code fixtureFiles}
     * (resolved against {@code anchor} as {@link Class#getResource} does) and runs {@code setup};
     * when any step fails, what was mounted is unmounted before the failure propagates.
     */
    static PseudofsRoot mount(List<String> viewNames, List<String> fixtureFiles, List<PseudofsSetup> setup,
                              Class<?> anchor) throws Exception {
        for (String v : viewNames) {
            if (!VIEWS.contains(v)) {
                throw new IllegalArgumentException("unknown view " + v + " (known: " + String.join(", ", VIEWS) + ")");
            }
        }
        PseudofsRoot r = new PseudofsRoot(Files.createTempDirectory("pseudofs-junit-"));
        try {
            r.root.toFile().setExecutable(true, false); // processes run as other users may walk in
            for (String v : VIEWS) {
                if (viewNames.contains(v)) {
                    r.mountView(v);
                }
            }
            for (String f : fixtureFiles) {
                r.load(anchor, f);
            }
            for (PseudofsSetup s : setup) {
                s.setUp(r.views);
            }
            return r;
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    private void mountView(String name) throws IOException {
        Path mnt = root.resolve(pathOf(name));
        if (!Files.isDirectory(mnt)) { // sys provides kernel/debug and kernel/config itself
            Files.createDirectories(mnt);
        }
        // fsname pseudofs-<view>, as the CLI's mounts: mountinfo tells the views apart.
        Mount m = Mount.mount(views.tree(name), mnt, MountOptions.defaults().withFsName("pseudofs-" + name));
        synchronized (mounts) {
            mounts.add(m);
        }
    }

    /** Returns where view {@code name} is mounted below the root. */
    static String pathOf(String name) {
        return switch (name) {
            case "debug" -> "sys/kernel/debug";
            case "config" -> "sys/kernel/config";
            default -> name;
        };
    }

    /**
     * Loads the fixture file {@code name}, a class path resource found as
     * {@code anchor.getResource(name)} finds it (relative to its package unless it starts with /).
     */
    public void load(Class<?> anchor, String name) throws IOException {
        URL url = anchor.getResource(name);
        if (url == null) {
            throw new IOException("fixture " + name + " is not on the class path (next to " + anchor.getName() + ")");
        }
        if (url.getProtocol().equals("file")) {
            try {
                fixtures.load(Fixtures.read(Path.of(url.toURI()))); // a fixture tree is a directory
                return;
            } catch (URISyntaxException e) {
                throw new IOException(url + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = url.openStream()) {
            fixtures.load(Fixtures.parse(name, in.readAllBytes()));
        }
    }

    /** Loads {@code fixture} (parsed with {@link Fixtures#read} or {@link Fixtures#parse}). */
    public void load(Fixture fixture) {
        fixtures.load(fixture);
    }

    /** Returns the root directory: the views are its {@code proc}, {@code sys}, ... */
    public Path root() {
        return root;
    }

    /** Returns {@code relative} (sys/class/power_supply/BAT0/capacity, say) below the root. */
    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** Returns the four views, to register more nodes with the project's API. */
    public FixtureViews views() {
        return views;
    }

    /** Returns the tree of view {@code name} (proc, sys, debug, config). */
    public Tree tree(String name) {
        return views.tree(name);
    }

    /**
     * Sets the value at {@code path} (below the root, or absolute inside it) as
     * {@code pseudofs set} does: {@code value} plus a newline, read-only values included.
     *
     * @throws dev.pseudofs.core.FsException ENOENT, EISDIR, or EINVAL for a value not of the entry's kind
     */
    public void set(String path, String value) {
        setExact(path, value.endsWith("\n") ? value : value + "\n");
    }

    /** Sets the value at {@code path} to exactly {@code text}, as {@code pseudofs set -n} does. */
    public void setExact(String path, String text) {
        fixtures.set(below(path), text);
    }

    /** Returns what a read of {@code path} shows, as UTF-8 text ({@code pseudofs get}). */
    public String get(String path) {
        return new String(getBytes(path), StandardCharsets.UTF_8);
    }

    /** Returns what a read of {@code path} shows, byte for byte (a link: its text). */
    public byte[] getBytes(String path) {
        return fixtures.get(below(path));
    }

    /** Returns every view's live tree in the fixture format ({@code pseudofs dump}). */
    public String dump() {
        return fixtures.dump("");
    }

    /** Returns the live tree below {@code path} in the fixture format ({@code pseudofs dump ROOT PATH}). */
    public String dump(String path) {
        return fixtures.dump(below(path));
    }

    // As the CLI's set/get/dump: an absolute path inside the root counts from the root.
    private String below(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() && p.normalize().startsWith(root) ? root.relativize(p.normalize()).toString() : path;
    }

    /** Returns whether every view is still served. */
    public boolean isMounted() {
        synchronized (mounts) {
            return !mounts.isEmpty() && mounts.stream().allMatch(Mount::isAlive);
        }
    }

    /**
     * Unmounts every view, innermost first (a busy one is detached lazily), and deletes the
     * temporary directory; later calls do nothing.
     */
    @Override
    public void close() {
        List<Mount> all;
        synchronized (mounts) {
            all = new ArrayList<>(mounts);
            mounts.clear();
        }
        all.sort(Comparator.comparingInt((Mount m) -> m.mountPoint().getNameCount()).reversed());
        for (Mount m : all) {
            m.close();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // closed before
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return "pseudofs root " + root;
    }
}
