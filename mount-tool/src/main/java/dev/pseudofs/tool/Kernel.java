package dev.pseudofs.tool;

import dev.pseudofs.configfs.Configfs;
import dev.pseudofs.core.Tree;
import dev.pseudofs.debugfs.Debugfs;
import dev.pseudofs.fixtures.FixtureViews;
import dev.pseudofs.fixtures.Fixtures;
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
        FixtureViews v = FixtureViews.boot(root);
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
