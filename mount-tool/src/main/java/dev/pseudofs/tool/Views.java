package dev.pseudofs.tool;

import dev.pseudofs.core.Tree;
import java.util.ArrayList;
import java.util.List;

/** Builds the views a mount asks for, in mount order. */
final class Views {
    private Views() {}

    static List<View> build(List<String> names, boolean demo) {
        List<View> views = new ArrayList<>();
        for (String name : View.NAMES) {
            if (!names.contains(name)) {
                continue;
            }
            Tree tree = Tree.create();
            if (demo && name.equals("sys")) {
                ExampleModule.install(tree);
            }
            views.add(new View(name, View.pathOf(name), tree));
        }
        return views;
    }
}
