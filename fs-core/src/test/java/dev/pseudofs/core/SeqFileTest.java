package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Drives the seq_file engine through the tree, as the kernel's read(2) would (section 3). */
class SeqFileTest {
    /** Numbers 0..n-1, one per line, optionally with one huge record. */
    private static SeqOperations<Long> numbers(long n, long bigAt, int bigSize, AtomicInteger shows) {
        return new SeqOperations<>() {
            @Override
            public Long start(SeqFile m, long pos) {
                return pos < n ? pos : null;
            }

            @Override
            public Long next(SeqFile m, Long v, long pos) {
                return pos < n ? pos : null;
            }

            @Override
            public void show(SeqFile m, Long v) {
                shows.incrementAndGet();
                if (v == bigAt) {
                    m.puts("x".repeat(bigSize)).putc('\n');
                } else {
                    m.putDecimal(v).putc('\n');
                }
            }
        };
    }

    private static String expected(long n, long bigAt, int bigSize) {
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < n; i++) {
            sb.append(i == bigAt ? "x".repeat(bigSize) : Long.toString(i)).append('\n');
        }
        return sb.toString();
    }

    private static OpenFile open(FileOps ops) {
        Tree tree = Tree.create();
        tree.root().createFile("f", 0444, ops);
        return tree.open(tree.resolve("/f"), 0, Caller.KERNEL);
    }

    private static String readAll(OpenFile of, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long pos = 0;
        while (true) {
            ByteBuffer b = ByteBuffer.allocate(chunk);
            int n = of.read(b, pos);
            if (n == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(b.array(), 0, n);
            pos += n;
        }
    }

    // Q4-Q7 at awkward read sizes: 1 byte, a prime, one page, one page + 1, 128 KiB; left-over
    // bytes of one read come first in the next (Q5).
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4095, 4096, 4097, 131072})
    void sequentialReadsReassembleTheWholeFile(int chunk) {
        AtomicInteger shows = new AtomicInteger();
        OpenFile of = open(FileOps.seq(numbers(3000, 1500, 10000, shows)));
        assertEquals(expected(3000, 1500, 10000), readAll(of, chunk));
    }

    @Test
    void oneReadReturnsWholeRecordsOfAboutOnePage() { // Q7
        OpenFile of = open(FileOps.seq(numbers(100000, -1, 0, new AtomicInteger())));
        ByteBuffer b = ByteBuffer.allocate(131072);
        int n = of.read(b, 0);
        assertTrue(n <= 4096 && n > 4000, "one buffer of records, got " + n);
        assertEquals('\n', b.get(n - 1), "records are not split");
    }

    @Test
    void aRecordLargerThanAPageGrowsTheBuffer() { // Q6, Q13: overflow retries with a bigger buffer
        OpenFile of = open(FileOps.seq(numbers(3, 1, 20000, new AtomicInteger())));
        ByteBuffer b = ByteBuffer.allocate(131072);
        assertEquals(2, of.read(b, 0)); // "0\n": the big record does not fit in the first round
        b.clear();
        // The buffer doubled until the record fit; then the next record, which fits, follows.
        assertEquals(20001 + 2, of.read(b, 2));
    }

    @Test
    void aJumpInPositionReplaysFromRecordZero() { // Q3, Q4: byte position vs record index, traverse
        OpenFile of = open(FileOps.seq(numbers(1000, -1, 0, new AtomicInteger())));
        String all = expected(1000, -1, 0);
        ByteBuffer b = ByteBuffer.allocate(10);
        int n = of.read(b, 1234);
        assertEquals(all.substring(1234, 1234 + n), new String(b.array(), 0, n, StandardCharsets.UTF_8));
    }

    @Test
    void everyReadIsOneStartStopPassAndStopAlwaysFollowsStart() { // Q1, Q2
        int[] starts = {0};
        int[] stops = {0};
        SeqOperations<Long> counted = new SeqOperations<>() {
            @Override
            public Long start(SeqFile m, long pos) {
                starts[0]++;
                return pos < 3 ? pos : null;
            }

            @Override
            public Long next(SeqFile m, Long v, long pos) {
                return pos < 3 ? pos : null;
            }

            @Override
            public void stop(SeqFile m, Long v) {
                stops[0]++;
            }

            @Override
            public void show(SeqFile m, Long v) {
                m.putDecimal(v).putc('\n');
            }
        };
        OpenFile of = open(FileOps.seq(counted));
        assertEquals(2, of.read(ByteBuffer.allocate(2), 0)); // "0\n"
        assertEquals(1, starts[0]);
        assertEquals(1, stops[0]); // nothing is held between two read(2) calls
        assertEquals(4, of.read(ByteBuffer.allocate(100), 2)); // "1\n2\n"
        assertEquals(0, of.read(ByteBuffer.allocate(100), 6)); // start returns null: stop still runs
        assertEquals(starts[0], stops[0]);
    }

    @Test
    void positionPastTheEndReadsNothing() { // Q10
        OpenFile of = open(FileOps.seq(numbers(10, -1, 0, new AtomicInteger())));
        assertEquals(0, of.read(ByteBuffer.allocate(100), 100000));
    }

    @Test
    void singleOpenIsOneSnapshotUntilPositionZero() { // Q9, Q12
        AtomicInteger counter = new AtomicInteger();
        OpenFile of = open(FileOps.single(m -> m.printf("%d\n", counter.incrementAndGet() * 11)));
        ByteBuffer b = ByteBuffer.allocate(1);
        of.read(b, 0);
        assertEquals('1', b.get(0));
        b.clear();
        of.read(b, 1);
        assertEquals('1', b.get(0)); // same snapshot: "11\n"
        assertEquals(1, counter.get());
        b.clear();
        of.read(b, 0);
        assertEquals('2', b.get(0)); // position 0 regenerates: "22\n"
    }

    @Test
    void anErrorBeforeAnyByteIsReturnedAndAfterSomeBytesDeferred() { // Q8
        SeqOperations<Long> failingAtThree = new SeqOperations<>() {
            @Override
            public Long start(SeqFile m, long pos) {
                return pos;
            }

            @Override
            public Long next(SeqFile m, Long v, long pos) {
                return pos;
            }

            @Override
            public void show(SeqFile m, Long v) {
                if (v == 3) {
                    throw FsException.invalid("record 3");
                }
                m.putDecimal(v).putc('\n');
            }
        };
        OpenFile of = open(FileOps.seq(failingAtThree));
        ByteBuffer b = ByteBuffer.allocate(100);
        assertEquals(6, of.read(b, 0)); // "0\n1\n2\n", the error waits
        FsException e = assertThrows(FsException.class, () -> of.read(ByteBuffer.allocate(100), 6));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void skippedRecordsLeaveNoOutput() { // Q1 SEQ_SKIP
        SeqOperations<Long> evensOnly = new SeqOperations<>() {
            @Override
            public Long start(SeqFile m, long pos) {
                return pos < 6 ? pos : null;
            }

            @Override
            public Long next(SeqFile m, Long v, long pos) {
                return pos < 6 ? pos : null;
            }

            @Override
            public void show(SeqFile m, Long v) {
                m.putDecimal(v).putc(' ');
                if (v % 2 == 1) {
                    m.skipRecord();
                }
            }
        };
        assertEquals("0 2 4 ", readAll(open(FileOps.seq(evensOnly)), 3));
    }

    @Test
    void escapePrintsOctal() { // Q14
        OpenFile of = open(FileOps.single(m -> m.escape("a b\tc\\d\n", " \t\n\\")));
        assertEquals("a\\040b\\011c\\134d\\012", readAll(of, 100));
    }
}
