package dev.pseudofs.tool.testmodules;

import dev.pseudofs.tool.ModuleContext;
import dev.pseudofs.tool.PseudofsModule;

/**
 * A module whose init asks for more memory than any heap has: the JVM throws a real
 * OutOfMemoryError in the server's control thread, which must keep serving.
 */
public final class GreedyModule implements PseudofsModule {
    /** Holds the allocation, so that it cannot be optimised away. */
    public static volatile long[] table;

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public void init(ModuleContext ctx) {
        table = new long[Integer.MAX_VALUE - 16]; // 16 GiB
    }
}
