package dev.pseudofs.tool;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Owner;
import dev.pseudofs.core.Tree;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and unloads modules (insmod, rmmod, lsmod) and lists them in {@code proc/modules}.
 *
 * <p>Each module is an {@link Owner}, the kernel's {@code THIS_MODULE}: every node created while
 * its code runs (its init and exit, threads they start, FUSE requests on its files) records it,
 * so a failed init removes exactly what the init created (never half-loaded) and rmmod removes
 * what the module created, whenever it did, and nothing that anyone else created meanwhile.
 * Loading and unloading are serialized.
 */
final class Modules {
    private static final Logger log = LoggerFactory.getLogger(Modules.class);

    /** A loaded module and the owner its nodes record. */
    private record Loaded(PseudofsModule module, ModuleContext context, Owner owner) {}

    private final Map<String, Loaded> loaded = new LinkedHashMap<>(); // guarded by this
    private Kernel kernel;

    void attach(Kernel k) {
        this.kernel = k;
        // proc/modules: "name size refcount deps state address", as the kernel prints it.
        k.procfs().createSingle("modules", 0444, null, m -> {
            for (String name : names()) {
                m.printf("%s 0 0 - Live 0x0000000000000000\n", name);
            }
        });
    }

    /** Returns the names of the loaded modules, in load order. */
    synchronized List<String> names() {
        return new ArrayList<>(loaded.keySet());
    }

    /** Loads {@code module} with {@code arguments} (param=value); EEXIST when already loaded. */
    synchronized void load(PseudofsModule module, Map<String, String> arguments) {
        String name = module.name();
        if (loaded.containsKey(name)) {
            throw new FsException(Errno.EEXIST, "module " + name + " is already loaded");
        }
        Owner owner = new Owner(name);
        ModuleContext ctx = new ModuleContext(kernel, name, arguments, owner);
        try {
            owner.run(() -> {
                module.init(ctx);
                ctx.checkArgumentsDeclared();
            });
        } catch (RuntimeException | Error e) { // an OutOfMemoryError in init must not half-load it either
            removeOwned(owner);
            kernel.sysfs().removeModule(name);
            log.warn("module {} failed to load and was removed again: {}", name, e.toString());
            throw e;
        }
        loaded.put(name, new Loaded(module, ctx, owner));
        log.info("loaded module {}{}", name, arguments.isEmpty() ? "" : " " + arguments);
    }

    /** Unloads module {@code name}: its exit, then whatever files it created and left. */
    synchronized void unload(String name) {
        Loaded l = loaded.remove(name);
        if (l == null) {
            throw new FsException(Errno.ENOENT, "module " + name + " is not loaded");
        }
        try {
            l.owner().run(() -> l.module().exit(l.context()));
        } finally {
            removeOwned(l.owner());
            kernel.sysfs().removeModule(name);
            log.info("unloaded module {}", name);
        }
    }

    /** Loads every module a jar provides (ServiceLoader); returns their names. */
    List<String> loadJar(Path jar, Map<String, String> arguments) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no such module jar: " + jar);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                Modules.class.getClassLoader());
        List<String> names = new ArrayList<>();
        for (ServiceLoader.Provider<PseudofsModule> p : ServiceLoader.load(PseudofsModule.class, loader)
                .stream().toList()) {
            if (p.type().getClassLoader() != loader) {
                continue; // a module of our own class path, not of this jar
            }
            PseudofsModule m = p.get();
            load(m, arguments);
            names.add(m.name());
        }
        if (names.isEmpty()) {
            throw new IOException(jar + " provides no " + PseudofsModule.class.getName()
                    + " in META-INF/services");
        }
        return names;
    }

    private void removeOwned(Owner owner) {
        for (Tree t : kernel.trees()) {
            t.removeOwned(owner);
        }
    }
}
