package dev.pseudofs.core;

import java.nio.ByteBuffer;

/** Is the per-open state of a sequence file: its {@link SeqFile} engine and optional store. */
final class SeqContent implements FileContent {
    private final SeqFile seq;
    private final Store store; // may be null

    SeqContent(SeqFile seq, Store store) {
        this.seq = seq;
        this.store = store;
    }

    @Override
    public int read(OpenFile of, ByteBuffer dst, long pos) {
        of.markSeen();
        return seq.read(dst, pos);
    }

    @Override
    public int write(OpenFile of, ByteBuffer src, long pos) {
        return ShowStoreContent.deliver(of, store, src, pos);
    }

    @Override
    public void release(OpenFile of) {
        seq.release();
    }
}
