package dev.pseudofs.tool;

import java.util.ArrayList;
import java.util.List;

/** Picks the views a mount asks for, in mount order (sys before the views inside it). */
final class Views {
    private Views() {}

    static List<View> select(Kernel kernel, List<String> names) {
        List<View> views = new ArrayList<>();
        for (String name : View.NAMES) {
            if (names.contains(name)) {
                views.add(new View(name, View.pathOf(name), kernel.tree(name)));
            }
        }
        return views;
    }
}
