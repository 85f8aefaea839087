package dev.pseudofs.tool;

import dev.pseudofs.core.Tree;
import java.util.List;

/**
 * Is one pseudo filesystem mounted under the root: its name on the command line, where it
 * goes below the root, and the tree it serves.
 *
 * @param name the name {@code --only} uses: proc, sys, debug or config
 * @param path the mount point relative to the root (sys/kernel/debug ...)
 * @param tree the tree to serve
 */
record View(String name, String path, Tree tree) {
    /** The view names in mount order: debug and config are mounted inside sys. */
    static final List<String> NAMES = List.of("proc", "sys", "debug", "config");

    /** Returns where view {@code name} is mounted below the root. */
    static String pathOf(String name) {
        return switch (name) {
            case "proc" -> "proc";
            case "sys" -> "sys";
            case "debug" -> "sys/kernel/debug";
            case "config" -> "sys/kernel/config";
            default -> throw new IllegalArgumentException("unknown view " + name
                    + " (known: " + String.join(", ", NAMES) + ")");
        };
    }
}
