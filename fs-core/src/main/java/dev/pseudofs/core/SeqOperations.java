package dev.pseudofs.core;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Iterates the records of a sequence file (the kernel's {@code struct seq_operations}).
 *
 * <p>One read(2) runs {@code start}, then {@code show}/{@code next} as long as records fit,
 * then {@code stop} (Q1, Q2); nothing is held between reads except the text buffer and the
 * record index. Errors are thrown as {@link FsException}.
 *
 * @param <P> the record type; {@code null} means "no more records"
 */
public interface SeqOperations<P> {
    /** Returns the record at index {@code pos}, or {@code null} past the end. */
    P start(SeqFile m, long pos);

    /** Returns the record at index {@code pos} (one past {@code v}'s), or {@code null} at the end. */
    P next(SeqFile m, P v, long pos);

    /** Ends one pass; always called after {@code start}, also when it returned null or threw. */
    default void stop(SeqFile m, P v) {}

    /** Appends record {@code v} to {@code m}; may call {@link SeqFile#skipRecord()}. */
    void show(SeqFile m, P v);

    /**
     * Returns operations over the records 0 .. count-1, the common walk over an array or table
     * by index; {@code count} is asked at every step, so a changing table is seen as seq_file
     * would see it (Q9).
     */
    static SeqOperations<Long> range(LongSupplier count, BiConsumer<SeqFile, Long> show) {
        return new SeqOperations<>() {
            @Override
            public Long start(SeqFile m, long pos) {
                return pos < count.getAsLong() ? pos : null;
            }

            @Override
            public Long next(SeqFile m, Long v, long pos) {
                return pos < count.getAsLong() ? pos : null;
            }

            @Override
            public void show(SeqFile m, Long v) {
                show.accept(m, v);
            }
        };
    }
}
