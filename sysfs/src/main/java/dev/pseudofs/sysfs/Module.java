package dev.pseudofs.sysfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Node;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Is a module's directory {@code /sys/module/<name>} with its {@code parameters}
 * subdirectory ({@code struct module_kobject}, kernel/params.c).
 *
 * <p>{@link #param} is {@code module_param(name, type, perm)}: perm 0 keeps the parameter out
 * of sysfs; any other perm must pass VERIFY_OCTAL_PERMISSIONS and is masked to 0664 like every
 * group-created file (S5). Reads show the type's format, writes parse with it (S30).
 */
public final class Module {
    private final Kobject kobj;
    private final Map<String, ModuleParam> params = new ConcurrentHashMap<>();

    Module(Sysfs sysfs, String name) {
        this.kobj = sysfs.module().createMember(name, KobjType.DYNAMIC);
    }

    /** Returns the module's kobject ({@code /sys/module/<name>}). */
    public Kobject kobject() {
        return kobj;
    }

    /** Returns the module's name. */
    public String name() {
        return kobj.name();
    }

    /**
     * Declares parameter {@code name} of {@code type} with sysfs permission {@code perm} and
     * an initial value given as text (module_param plus the variable's initializer).
     *
     * @throws FsException EEXIST when the module already has a parameter of that name
     */
    public ModuleParam param(String name, ParamType type, int perm, String initial) {
        ModuleParam p = new ModuleParam(name, type, perm, initial);
        if (params.putIfAbsent(name, p) != null) {
            throw new FsException(Errno.EEXIST, "duplicate parameter " + name);
        }
        if (perm != 0) {
            addFile(p);
        }
        return p;
    }

    /** Returns the parameter called {@code name}, or {@code null}. */
    public ModuleParam param(String name) {
        return params.get(name);
    }

    // add_sysfs_param: the "parameters" group directory appears with the first visible one.
    private void addFile(ModuleParam p) {
        Dir dir;
        synchronized (this) {
            Node existing = kobj.requireDir().lookup("parameters");
            dir = existing instanceof Dir d ? d : kobj.requireDir().createDir("parameters", 0755);
        }
        // param_attr_show / param_attr_store: the whole write goes to the setter, which keeps
        // the old value when it throws; success consumes every byte.
        FileOps ops = FileOps.showStore(
                buf -> buf.append(p.show()),
                in -> {
                    p.set(in.text());
                    return in.count();
                });
        dir.createFile(p.name(), p.perm() & SysfsGroups.GROUP_MODE_MASK, ops, File.PAGE_SIZE);
    }
}
