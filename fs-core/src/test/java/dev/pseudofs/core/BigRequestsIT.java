package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * FUSE_MAX_PAGES (issue 15): the kernel sends READ and WRITE requests of up to 256 pages, so a
 * 1 MiB write(2) of dd reaches the file's write method once, and a 1 MiB read(2) one read call
 * (T1: direct I/O, the caller's sizes). Without the flag the kernel splits both at 128 KiB.
 */
class BigRequestsIT {
    private final AtomicInteger largestWrite = new AtomicInteger();
    private final AtomicInteger largestRead = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();

    // A debugfs-style file taking any amount at any offset and reading back 2 MiB of 'x'.
    private final RawOps sink = new RawOps() {
        @Override
        public int read(OpenFile file, ByteBuffer dst, long pos) {
            largestRead.accumulateAndGet(dst.remaining(), Math::max);
            int n = (int) Math.max(0, Math.min(dst.remaining(), (2L << 20) - pos));
            for (int i = 0; i < n; i++) {
                dst.put((byte) 'x');
            }
            return n;
        }

        @Override
        public int write(OpenFile file, ByteBuffer src, long pos) {
            int n = src.remaining();
            largestWrite.accumulateAndGet(n, Math::max);
            written.addAndGet(n);
            src.position(src.limit());
            return n;
        }
    };

    @Test
    void aOneMebibyteWriteAndReadAreOneRequestEach() { // issue 15: max_pages; T1
        Tree tree = Tree.create();
        tree.root().createFile("big", 0666, FileOps.raw(sink), 0);
        try (TestMount m = TestMount.of(tree)) {
            String out = m.sh("""
                    dd if=/dev/zero of=big bs=1M count=2 conv=notrunc status=none && \
                    dd if=big bs=1M count=2 status=none | wc -c
                    """).ok();
            assertEquals("2097152\n", out);
            assertEquals(2L << 20, written.get());
            assertEquals(1 << 20, largestWrite.get()); // 128 KiB before FUSE_MAX_PAGES
            assertEquals(1 << 20, largestRead.get());
        }
    }
}
