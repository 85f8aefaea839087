package dev.pseudofs.tool;

import dev.pseudofs.configfs.Configfs;
import dev.pseudofs.configfs.Samples;
import dev.pseudofs.debugfs.Debugfs;
import dev.pseudofs.procfs.ProcessSource;
import dev.pseudofs.procfs.Procfs;
import dev.pseudofs.procfs.StockEntries;
import dev.pseudofs.sysfs.Sysfs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the four views and, on request, the demo module across them; returns the selected
 * ones in mount order (sys before the debug and config views mounted inside it).
 */
final class Views {
    private Views() {}

    static List<View> build(Path root, List<String> names, boolean demo) {
        Sysfs sys = Sysfs.create();
        Procfs proc = Procfs.create();
        StockEntries.register(proc);
        proc.showProcesses(ProcessSource.host());
        Debugfs debug = Debugfs.create();
        Configfs config = Configfs.create();
        // ln -s with an absolute path into the mount resolves inside the tree (G10).
        config.mountedAt(root.toAbsolutePath().normalize().resolve(View.pathOf("config")));
        if (demo) {
            DemoModule.install(sys, proc, debug);
            Samples.install(config);
        }
        List<View> views = new ArrayList<>();
        for (String name : View.NAMES) {
            if (names.contains(name)) {
                views.add(new View(name, View.pathOf(name), switch (name) {
                    case "proc" -> proc.tree();
                    case "sys" -> sys.tree();
                    case "debug" -> debug.tree();
                    default -> config.tree();
                }));
            }
        }
        return views;
    }
}
