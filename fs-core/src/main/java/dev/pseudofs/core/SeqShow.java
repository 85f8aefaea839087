package dev.pseudofs.core;

/** Produces a whole single_open sequence file in one call (Q12). */
@FunctionalInterface
public interface SeqShow {
    /** Appends the whole content to {@code m}. */
    void show(SeqFile m);
}
