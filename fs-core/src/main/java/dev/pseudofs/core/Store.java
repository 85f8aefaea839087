package dev.pseudofs.core;

/** Receives what one write(2) carried to a show/store file (sysfs {@code store}). */
@FunctionalInterface
public interface Store {
    /**
     * Consumes {@code in}; on a thrown {@link FsException} the old value must stay (T5).
     *
     * @return the number of bytes consumed: {@code in.count()} for full success, fewer for a
     *     short write (the caller writes the rest again), 0 to make write(2) return 0 (S16)
     */
    int store(StoreBuffer in);
}
