package dev.pseudofs.tool;

import dev.pseudofs.debugfs.Debugfs;
import dev.pseudofs.procfs.ProcessSource;
import dev.pseudofs.procfs.Procfs;
import dev.pseudofs.procfs.StockEntries;
import dev.pseudofs.sysfs.Sysfs;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the four views and, on request, the demo module across them; returns the selected
 * ones in mount order (sys before the debug and config views mounted inside it).
 */
final class Views {
    private Views() {}

    static List<View> build(List<String> names, boolean demo) {
        Sysfs sys = Sysfs.create();
        Procfs proc = Procfs.create();
        StockEntries.register(proc);
        proc.showProcesses(ProcessSource.host());
        Debugfs debug = Debugfs.create();
        if (demo) {
            DemoModule.install(sys, proc, debug);
        }
        List<View> views = new ArrayList<>();
        for (String name : View.NAMES) {
            if (names.contains(name)) {
                views.add(new View(name, View.pathOf(name), switch (name) {
                    case "proc" -> proc.tree();
                    case "sys" -> sys.tree();
                    default -> debug.tree();
                }));
            }
        }
        return views;
    }
}
