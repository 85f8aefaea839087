package dev.pseudofs.containers;

import dev.pseudofs.core.Mountinfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Says where the cgroup hierarchies are mounted: one directory per cgroup v1 controller
 * ({@code memory}, {@code cpuacct}, {@code cpuset}, {@code blkio}, ...) and the unified (v2)
 * hierarchy, found in a mountinfo file or, for tests, laid out below one directory.
 */
public final class Cgroups {
    private final Map<String, Path> v1;  // immutable: controller -> mount directory
    private final Path unified;          // immutable; null when there is no v2 hierarchy

    private Cgroups(Map<String, Path> v1, Path unified) {
        this.v1 = Map.copyOf(v1);
        this.unified = unified;
    }

    /** Returns the hierarchies {@code mountinfo} (normally /proc/self/mountinfo) lists. */
    public static Cgroups fromMountinfo(Path mountinfo) throws IOException {
        Map<String, Path> v1 = new HashMap<>();
        Path unified = null;
        for (Mountinfo.Entry e : Mountinfo.read(mountinfo)) {
            Path at = Path.of(e.mountPoint());
            if (e.fsType().equals("cgroup2")) {
                unified = at;
            } else if (e.fsType().equals("cgroup")) {
                for (String opt : e.superOptions().split(",")) {
                    v1.putIfAbsent(opt, at); // ro/rw and name=... never name a controller
                }
            }
        }
        return new Cgroups(v1, unified);
    }

    /**
     * Returns the hierarchies laid out below {@code root}: a unified hierarchy when
     * {@code root/cgroup.controllers} exists, otherwise one directory per v1 hierarchy named
     * after its controllers ({@code memory}, {@code cpu,cpuacct}) and {@code unified} for a
     * hybrid layout's v2 hierarchy, as systemd mounts them under /sys/fs/cgroup.
     */
    public static Cgroups at(Path root) throws IOException {
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            return new Cgroups(Map.of(), root);
        }
        Map<String, Path> v1 = new HashMap<>();
        Path unified = null;
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String name = d.getFileName().toString();
                if (name.equals("unified")) {
                    unified = d;
                } else {
                    for (String c : name.split(",")) {
                        v1.put(c, d);
                    }
                }
            }
        }
        return new Cgroups(v1, unified);
    }

    /**
     * Returns the directory of the cgroup that {@code membership} names for {@code controller}:
     * in the controller's v1 hierarchy, else in the unified one when the controller is enabled
     * there; null when neither has it.
     */
    Path dir(String controller, Map<String, String> membership) {
        Path mount = v1.get(controller);
        String path = membership.get(controller);
        if (mount != null && path != null) {
            return under(mount, path);
        }
        String u = membership.get("");
        if (unified != null && u != null && enabledInUnified(controller)) {
            return under(unified, u);
        }
        return null;
    }

    /** Returns the caller's directory in the unified hierarchy (PSI files), or null. */
    Path unifiedDir(Map<String, String> membership) {
        String u = membership.get("");
        return unified == null || u == null ? null : under(unified, u);
    }

    /** Returns whether {@code controller} is served by the unified hierarchy (cgroup v2 files). */
    boolean isUnified(String controller) {
        return !v1.containsKey(controller);
    }

    /** Returns the mount directory of the hierarchy holding {@code dir}. */
    Path mountOf(Path dir) {
        for (Path m : v1.values()) {
            if (dir.startsWith(m)) {
                return m;
            }
        }
        return unified;
    }

    private boolean enabledInUnified(String controller) {
        String name = switch (controller) {
            case "cpuacct" -> "cpu";
            case "blkio" -> "io";
            default -> controller;
        };
        String enabled = Read.string(unified.resolve("cgroup.controllers"));
        return enabled != null && List.of(enabled.trim().split(" ")).contains(name);
    }

    private static Path under(Path mount, String path) {
        return path.equals("/") ? mount : mount.resolve(path.substring(1));
    }

    /** Returns the membership of process {@code pid}: controller -> path ("" for v2). */
    static Map<String, String> membership(Path proc, int pid) {
        String text = Read.string(proc.resolve(pid + "/cgroup"));
        Map<String, String> m = new HashMap<>();
        if (text == null) {
            return m;
        }
        for (String line : text.split("\n")) {
            int a = line.indexOf(':');
            int b = line.indexOf(':', a + 1);
            if (a < 0 || b < 0) {
                continue;
            }
            String path = line.substring(b + 1);
            for (String c : line.substring(a + 1, b).split(",", -1)) {
                m.put(c, path);
            }
        }
        return m;
    }
}
