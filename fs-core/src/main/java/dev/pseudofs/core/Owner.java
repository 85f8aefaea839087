package dev.pseudofs.core;

import java.util.function.Supplier;

/**
 * Is who creates nodes: the kernel's {@code struct module}, which every registration carries
 * as {@code THIS_MODULE}. A node records the owner current on the thread that creates it, so
 * that unloading the owner removes exactly what it created, whenever it created it
 * ({@link Tree#removeOwned}).
 *
 * <p>The owner is current where the owner's code runs: while a loader runs its init or exit
 * ({@link #run}), in threads those start (the owner is inherited by new threads), and during
 * every FUSE request, which runs as the owner of the node it names (a write to a module's file
 * that creates another file creates it for that module; a lookup in {@code /proc} that makes
 * {@code /proc/PID} makes it for no module). No owner ({@code null}) is the core itself.
 */
public final class Owner {
    private static final InheritableThreadLocal<Owner> CURRENT = new InheritableThreadLocal<>();

    private final String name;

    /** Creates an owner called {@code name} (a module's name). */
    public Owner(String name) {
        this.name = name;
    }

    /** Returns the owner of what this thread creates now; null for the core. */
    public static Owner current() {
        return CURRENT.get();
    }

    /** Runs {@code action} with this owner current, restoring the previous one. */
    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Runs {@code action} with this owner current, restoring the previous one; returns its result. */
    public <T> T call(Supplier<T> action) {
        Owner previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Sets the owner for the request now starting on this thread (used by the FUSE bridge). */
    public static void enter(Owner owner) {
        CURRENT.set(owner);
    }

    @Override
    public String toString() {
        return "Owner(" + name + ")";
    }
}
