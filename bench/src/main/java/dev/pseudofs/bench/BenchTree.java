package dev.pseudofs.bench;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.PageBuffer;
import dev.pseudofs.core.SeqOperations;
import dev.pseudofs.core.Show;
import dev.pseudofs.core.StoreBuffer;
import dev.pseudofs.core.Tree;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the benchmark's file shapes in a {@link Tree} through the public fs-core API: the
 * same shapes {@code bench/c/pseudofs.c} serves.
 *
 * <pre>
 * /small     32-byte line, a new counter on every read (like /proc/uptime), st_size 4096
 * /sizezero  the same line, st_size 0 (procfs style)
 * /big       64 MiB seq file, 4 KiB records of a 1 MiB periodic pattern
 * /bigfill   /big with filling reads (FileOps.fillingReads: 128 KiB per read(2), not Q7's 4 KiB)
 * /huge      1 GiB seq file of the same pattern (the bounded-heap check)
 * /dir       10,000 show files f00000 ... f09999
 * /store     show/store file: a write replaces the value, a read returns it
 * </pre>
 */
public final class BenchTree {
    /** The size of /big: 64 MiB. */
    public static final long BIG = 64L << 20;
    /** The size of /huge: 1 GiB. */
    public static final long HUGE = 1L << 30;
    /** The number of entries of /dir. */
    public static final int DIR_ENTRIES = 10_000;

    private static final AtomicLong COUNTER = new AtomicLong();

    private BenchTree() {}

    /** Returns a new tree holding all the shapes. */
    public static Tree create() {
        Tree tree = Tree.create();
        Dir root = tree.root();
        FileOps small = FileOps.show(BenchTree::counterLine);
        root.createFile("small", 0444, small, File.PAGE_SIZE);
        root.createFile("sizezero", 0444, small, 0);
        root.createFile("big", 0444, FileOps.seq(patternRecords(BIG)), BIG);
        root.createFile("bigfill", 0444, FileOps.seq(patternRecords(BIG)).fillingReads(), BIG);
        root.createFile("huge", 0444, FileOps.seq(patternRecords(HUGE)), HUGE);
        Dir dir = root.createDir("dir", 0755);
        for (int i = 0; i < DIR_ENTRIES; i++) {
            dir.createFile(String.format("f%05d", i), 0444, small, File.PAGE_SIZE);
        }
        Value store = new Value();
        root.createFile("store", 0644, FileOps.showStore(store, store::store), File.PAGE_SIZE);
        return tree;
    }

    /** Shows the next counter value as 31 zero-padded digits and a newline (32 bytes). */
    static void counterLine(PageBuffer buf) {
        long v = COUNTER.incrementAndGet();
        byte[] line = new byte[32];
        line[31] = '\n';
        for (int i = 30; i >= 0; i--) {
            line[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        buf.put(line);
    }

    /** Is the value of /store: what the last write carried. */
    private static final class Value implements Show {
        private volatile byte[] value = "0\n".getBytes();

        @Override
        public void show(PageBuffer buf) {
            buf.put(value);
        }

        int store(StoreBuffer in) {
            value = in.bytes();
            return in.count();
        }
    }

    /** Generates a big file as 4 KiB records of the pattern (a seq_operations over indexes). */
    /** Returns the records of a {@code size}-byte file of the periodic pattern. */
    static SeqOperations<Long> patternRecords(long size) {
        long records = size / Pattern.RECORD;
        return SeqOperations.range(() -> records,
                (m, v) -> m.write(Pattern.bytes(), Pattern.recordOffset(v), Pattern.RECORD));
    }
}
