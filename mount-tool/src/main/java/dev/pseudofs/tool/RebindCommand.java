package dev.pseudofs.tool;

import dev.pseudofs.core.Mountinfo;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Re-binds the files a container's mount namespace had bound from a server that was
 * restarted: every stale pseudofs bind mount there is replaced by a bind of the same file of
 * the views now mounted under the root (the LXCFS restart problem).
 */
@Command(name = "rebind", mixinStandardHelpOptions = true,
        description = "Re-bind the stale pseudofs files of the mount namespace of --pid from --root.")
final class RebindCommand implements Callable<Integer> {
    @Option(names = "--pid", required = true, description = "a process in the container's mount namespace")
    long pid;

    @Option(names = "--root", required = true, description = "the --root of the restarted server")
    Path root;

    /** One line of /proc/PID/mountinfo that a pseudofs view backs. */
    record Bound(String mountPoint, String pathInView, String view) {}

    @Override
    public Integer call() throws Exception {
        Path nsRoot = Path.of("/proc", Long.toString(pid), "root");
        Path r = root.toAbsolutePath().normalize();
        if (pid <= 0 || !Files.exists(nsRoot.getParent().resolve("mountinfo"))) {
            System.err.println("pseudofs: rebind: no process " + pid);
            return 1;
        }
        List<Bound> stale = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "mountinfo"))) {
            Bound b = parse(line);
            if (b == null || b.mountPoint().startsWith(r + "/") || !isStale(nsRoot, b.mountPoint())) {
                continue; // live, or one of the views themselves (cleaned by the restart)
            }
            stale.add(b);
        }
        if (stale.isEmpty()) {
            System.out.println("pseudofs: nothing to rebind in the mount namespace of " + pid);
            return 0;
        }
        int failed = 0;
        for (Bound b : stale) {
            String source = r.resolve(View.pathOf(b.view())) + b.pathInView();
            // Both paths are resolved inside the namespace: the new view must have propagated
            // there (mount --shared on the host, a slave namespace).
            List<String> cmd = List.of("nsenter", "--target", Long.toString(pid), "--mount", "--",
                    "sh", "-c", "umount -l \"$1\" && mount --bind \"$2\" \"$1\"", "rebind",
                    b.mountPoint(), source);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                failed++;
                System.err.println("pseudofs: cannot rebind " + b.mountPoint() + " from " + source
                        + ": " + out + " (is " + r + " shared, and the namespace its slave?"
                        + " See docs/containers.md)");
            } else {
                System.out.println("rebound " + b.mountPoint() + " <- " + source);
            }
        }
        return failed == 0 ? 0 : 1;
    }

    // mountinfo: id parent major:minor root mountpoint options ... - fstype source superopts
    static Bound parse(String line) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        if (dash < 0 || dash + 2 >= f.length || !f[dash + 1].equals("fuse.pseudofs")
                || !f[dash + 2].startsWith("pseudofs-")) {
            return null;
        }
        String view = f[dash + 2].substring("pseudofs-".length());
        if (!View.NAMES.contains(view)) {
            return null;
        }
        return new Bound(Mountinfo.unescape(f[4]), Mountinfo.unescape(f[3]), view);
    }

    private static boolean isStale(Path nsRoot, String mountPoint) {
        try {
            Files.readAttributes(nsRoot.resolve(mountPoint.substring(1)), BasicFileAttributes.class);
            return false;
        } catch (FileSystemException e) {
            return String.valueOf(e.getReason()).contains("not connected");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
