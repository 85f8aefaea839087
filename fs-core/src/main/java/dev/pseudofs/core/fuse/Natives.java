package dev.pseudofs.core.fuse;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * libfuse 2 and the C library, bound once per JVM for every bridge: jnr-ffi generates and
 * loads classes for each binding it makes (about 0.1 s of a start, bench/README.md), and a
 * binding is safe to share between threads. When either library cannot be bound, every use of
 * the bindings throws a {@link LinkageError}.
 */
public final class Natives {
    private Natives() {}

    // Made when first used (class initialisation: once, and other threads wait for it).
    private static final class Bound {
        static final LibFuse FUSE = LibraryLoader.create(LibFuse.class).failImmediately().load("libfuse.so.2");
        static final LibC LIBC = LibraryLoader.create(LibC.class).failImmediately()
                .map("readChecked", "read").map("writevChecked", "writev").load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(FUSE);
    }

    static LibFuse fuse() {
        return Bound.FUSE;
    }

    static LibC libc() {
        return Bound.LIBC;
    }

    static Runtime runtime() {
        return Bound.RUNTIME;
    }

    /**
     * Makes the bindings on a thread of its own, for a program that will mount soon: they then
     * overlap the rest of its start-up instead of delaying its first mount; a bridge made
     * meanwhile waits for them, and fails as it would have if they cannot be made. Optional.
     * (Nothing here logs, so that calling it does not start the logging system early.)
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                runtime();
            } catch (LinkageError | RuntimeException e) {
                // the first bridge reports it
            }
        }, "pseudofs-preload");
        t.setDaemon(true);
        t.start();
    }
}
