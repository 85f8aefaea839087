package dev.pseudofs.tool;

import dev.pseudofs.configfs.Configfs;
import dev.pseudofs.containers.ContainerView;
import dev.pseudofs.containers.Host;
import dev.pseudofs.core.Tree;
import dev.pseudofs.debugfs.Debugfs;
import dev.pseudofs.fixtures.FixtureViews;
import dev.pseudofs.fixtures.Fixtures;
import dev.pseudofs.procfs.ProcessSource;
import dev.pseudofs.procfs.Procfs;
import dev.pseudofs.sysfs.Sysfs;
import java.nio.file.Path;
import java.util.List;

/**
 * Holds the four views one server serves and the modules loaded into them.
 *
 * @param sysfs the sys view
 * @param procfs the proc view
 * @param debugfs the sys/kernel/debug view
 * @param configfs the sys/kernel/config view
 * @param modules the loaded modules
 * @param fixtures the fixtures served in the views
 */
record Kernel(Sysfs sysfs, Procfs procfs, Debugfs debugfs, Configfs configfs, Modules modules,
              Fixtures fixtures) {
    /** Boots the views for a server whose root is {@code root}: stock /proc entries included. */
    static Kernel boot(Path root) {
        try {
            return boot(root, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // only container views read the host here
        }
    }

    /**
     * Boots the views; with {@code containers}, proc and sys hold the container views' per-caller
     * files (dev.pseudofs.containers) instead of the stock /proc entries.
     */
    static Kernel boot(Path root, boolean containers) throws java.io.IOException {
        FixtureViews v;
        if (containers) {
            Sysfs sys = Sysfs.create();
            Procfs proc = Procfs.create();
            ContainerView.install(proc, sys, Host.real()); // its sampler thread is a daemon
            proc.showProcesses(ProcessSource.host());
            Configfs config = Configfs.create();
            // ln -s with an absolute path into the mount resolves inside the tree (G10).
            config.mountedAt(root.toAbsolutePath().normalize().resolve(View.pathOf("config")));
            v = new FixtureViews(sys, proc, Debugfs.create(), config);
        } else {
            v = FixtureViews.boot(root);
        }
        Kernel k = new Kernel(v.sysfs(), v.procfs(), v.debugfs(), v.configfs(), new Modules(), new Fixtures(v));
        k.modules().attach(k);
        return k;
    }

    /** Returns the tree of view {@code name}. */
    Tree tree(String name) {
        return switch (name) {
            case "proc" -> procfs.tree();
            case "sys" -> sysfs.tree();
            case "debug" -> debugfs.tree();
            case "config" -> configfs.tree();
            default -> throw new IllegalArgumentException("unknown view " + name);
        };
    }

    /** Returns every tree, for module bookkeeping. */
    List<Tree> trees() {
        return List.of(procfs.tree(), sysfs.tree(), debugfs.tree(), configfs.tree());
    }
}
