package dev.pseudofs.core.testing;

import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.Tree;
import dev.pseudofs.core.fuse.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Mounts a tree in a fresh temporary directory for one test and always unmounts it
 * (go-fuse's testMount): use it in try-with-resources.
 */
public final class TestMount implements AutoCloseable {
    private final Path dir;
    private final Mount mount;

    private TestMount(Path dir, Mount mount) {
        this.dir = dir;
        this.mount = mount;
    }

    /** Mounts {@code tree} with allow_other, so tests can also act as an unprivileged user. */
    public static TestMount of(Tree tree) {
        return of(tree, MountOptions.defaults().withAllowOther(true));
    }

    /** Mounts {@code tree} with {@code options}. */
    public static TestMount of(Tree tree, MountOptions options) {
        try {
            Path dir = Files.createTempDirectory("pseudofs-test-");
            dir.toFile().setExecutable(true, false);
            dir.toFile().setReadable(true, false);
            try {
                return new TestMount(dir, Mount.mount(tree, dir, options));
            } catch (RuntimeException e) {
                Files.deleteIfExists(dir);
                throw e;
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Returns the mount point. */
    public Path dir() {
        return dir;
    }

    /** Returns the mount. */
    public Mount mount() {
        return mount;
    }

    /** Runs {@code bash -c script} inside the mount point as root. */
    public Shell.Result sh(String script) {
        return Shell.sh(dir, script);
    }

    /** Runs {@code bash -c script} inside the mount point as uid/gid 65534 (nobody). */
    public Shell.Result shAsNobody(String script) {
        return Shell.shAs(65534, dir, script);
    }

    /** Runs a python3 probe inside the mount point as root. */
    public Shell.Result python(String program) {
        return Shell.python(dir, program);
    }

    @Override
    public void close() {
        mount.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
