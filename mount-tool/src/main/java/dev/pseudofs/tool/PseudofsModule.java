package dev.pseudofs.tool;

/**
 * Is a loadable module, the insmod/rmmod idea: a jar names its modules in
 * {@code META-INF/services/dev.pseudofs.tool.PseudofsModule}, and {@code pseudofs mount --module}
 * or {@code pseudofs insmod} loads them into a running server.
 *
 * <p>{@link #init} builds the module's files through the views of its {@link ModuleContext}
 * and declares its parameters there (module_param); if it throws, everything it created is
 * removed again, so a module is never half-loaded. {@link #exit} runs at rmmod.
 */
public interface PseudofsModule {
    /** Returns the module's name: its directory under sys/module and its line in proc/modules. */
    String name();

    /** Creates the module's files; throws to refuse loading. */
    void init(ModuleContext context);

    /** Releases what {@link #init} set up beyond files (threads, timers); files go anyway. */
    default void exit(ModuleContext context) {}
}
