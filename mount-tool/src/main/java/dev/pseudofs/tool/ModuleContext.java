package dev.pseudofs.tool;

import dev.pseudofs.configfs.Configfs;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Owner;
import dev.pseudofs.debugfs.Debugfs;
import dev.pseudofs.procfs.Procfs;
import dev.pseudofs.sysfs.ModuleParam;
import dev.pseudofs.sysfs.ParamType;
import dev.pseudofs.sysfs.Sysfs;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gives a module the four views and its parameters: what a kernel module reaches through
 * kernel_kobj, proc_create, debugfs_create_* and configfs_register_subsystem.
 */
public final class ModuleContext {
    private final Kernel kernel;
    private final String name;
    private final Map<String, String> arguments; // immutable
    private final Set<String> declared = new HashSet<>();
    private final Owner owner;

    ModuleContext(Kernel kernel, String name, Map<String, String> arguments, Owner owner) {
        this.kernel = kernel;
        this.name = name;
        this.arguments = Map.copyOf(arguments);
        this.owner = owner;
    }

    /** Returns the sysfs view (mounted at sys). */
    public Sysfs sysfs() {
        return kernel.sysfs();
    }

    /** Returns the procfs view (mounted at proc). */
    public Procfs procfs() {
        return kernel.procfs();
    }

    /** Returns the debugfs view (mounted at sys/kernel/debug). */
    public Debugfs debugfs() {
        return kernel.debugfs();
    }

    /** Returns the configfs view (mounted at sys/kernel/config). */
    public Configfs configfs() {
        return kernel.configfs();
    }

    /**
     * Runs {@code action} as this module (THIS_MODULE): what it creates is the module's and goes
     * at rmmod. Needed only on threads the module did not start from its own code (a library's
     * pool, say); its init, exit, its threads and requests on its files already run as the module.
     */
    public void run(Runnable action) {
        owner.run(action);
    }

    /** Returns the module's name. */
    public String name() {
        return name;
    }

    /**
     * Declares parameter {@code param} (module_param): its file is
     * {@code sys/module/<name>/parameters/<param>} when {@code perm} is not 0, and its value is
     * the one given at load time ({@code param=value}) or {@code defaultValue}.
     *
     * @throws FsException EINVAL when the given value does not parse as {@code type}
     */
    public ModuleParam param(String param, ParamType type, int perm, String defaultValue) {
        declared.add(param);
        String value = arguments.getOrDefault(param, defaultValue);
        ModuleParam p = kernel.sysfs().module(name).param(param, type, perm, defaultValue);
        if (arguments.containsKey(param)) {
            p.set(value);
        }
        return p;
    }

    // The kernel refuses a module given a parameter it does not know ("unknown parameter").
    void checkArgumentsDeclared() {
        for (String given : arguments.keySet()) {
            if (!declared.contains(given)) {
                throw FsException.invalid(name + ": unknown parameter '" + given + "'");
            }
        }
    }
}
