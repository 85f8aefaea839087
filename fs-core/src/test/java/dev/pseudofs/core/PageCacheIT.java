package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Content declared immutable is read from the kernel's page cache until the program changes it. */
class PageCacheIT {
    /** Is a read-only blob over a replaceable array that counts the reads reaching it. */
    private static final class Counted implements BlobOps {
        volatile byte[] data;
        final AtomicInteger reads = new AtomicInteger();

        Counted(String text) {
            data = text.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read(ByteBuffer dst, long pos) {
            reads.incrementAndGet();
            byte[] d = data;
            int n = (int) Math.min(dst.remaining(), Math.max(0, d.length - pos));
            dst.put(d, (int) pos, n);
            return n;
        }
    }

    @Test
    void anImmutableFileIsReadOnceThenServedByTheKernelUntilItChanges() { // K20 bytes, T1 sizes
        Counted c = new Counted("0123456789abcdef\n");
        Tree tree = Tree.create();
        File f = tree.root().createFile("fixed", 0444, FileOps.blob(c), c.data.length);
        f.declareImmutable();
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("0123456789abcdef\n", m.sh("cat fixed").ok());
            int first = c.reads.get();
            assertEquals("0123456789abcdef\n", m.sh("cat fixed; cat fixed").ok().substring(17));
            assertEquals(first, c.reads.get()); // the second and third cat never reached the server
            assertEquals("89ab", m.sh("dd if=fixed bs=1 skip=8 count=4 status=none").ok());
            assertEquals("17\n", m.sh("stat -c %s fixed").ok());

            c.data = "fedcba9876543210\n".getBytes(StandardCharsets.US_ASCII); // same length, new bytes
            f.notifyChanged(); // what a `pseudofs set` does: the kernel drops the pages
            assertEquals("fedcba9876543210\n", m.sh("cat fixed").ok());
            assertEquals("fedcba9876543210\n", m.sh("dd if=fixed bs=4096 status=none").ok());
        }
    }

    @Test
    void aReplacedImmutableFileOfAnotherSizeIsSeenWholeByTheNextRead() { // K29: the name goes too
        Tree tree = Tree.create();
        Counted small = new Counted("abc\n");
        tree.root().createFile("blob", 0444, FileOps.blob(small), small.data.length).declareImmutable();
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("abc\n", m.sh("cat blob").ok());
            Counted big = new Counted("x".repeat(9000) + "\n");
            tree.atomically(() -> { // as debugfs re-creates a blob of another length
                tree.root().lookup("blob").remove();
                tree.root().createFile("blob", 0444, FileOps.blob(big), big.data.length).declareImmutable();
            });
            assertEquals("9001\n", m.sh("cat blob | wc -c").ok());
            assertEquals("9001\n", m.sh("stat -c %s blob").ok());
            assertEquals("xx\n", m.sh("tail -c 3 blob").ok());
        }
    }

    @Test
    void showFilesAndUndeclaredFilesStillReachTheirCallbackAtEveryOpen() { // K19: one snapshot per open
        AtomicInteger shows = new AtomicInteger();
        Tree tree = Tree.create();
        tree.root().createFile("live", 0444, FileOps.showStore(b -> b.line(shows.incrementAndGet()), null),
                File.PAGE_SIZE);
        Counted c = new Counted("plain\n");
        tree.root().createFile("plain", 0444, FileOps.blob(c), c.data.length);
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("1\n2\n3\n", m.sh("cat live; cat live; cat live").ok());
            assertEquals("4096\n", m.sh("stat -c %s live").ok()); // S-rules: st_size stays the page size
            m.sh("cat plain; cat plain").ok();
            int before = c.reads.get();
            m.sh("cat plain").ok();
            assertEquals(true, c.reads.get() > before); // direct I/O: every open reads again
        }
    }

    @Test
    void aWriteThroughTheMountDropsTheCachedPages() { // K25 store result is what reads show
        byte[] data = "aaaa\n".getBytes(StandardCharsets.US_ASCII);
        Tree tree = Tree.create();
        tree.root().createFile("rw", 0644, FileOps.blob(new BlobOps() {
            @Override
            public boolean writable() {
                return true;
            }

            @Override
            public int read(ByteBuffer dst, long pos) {
                int n = (int) Math.min(dst.remaining(), Math.max(0, data.length - pos));
                dst.put(data, (int) pos, n);
                return n;
            }

            @Override
            public int write(ByteBuffer src, long pos) {
                int n = src.remaining();
                for (int i = 0; i < n; i++) {
                    data[(int) pos + i] = (byte) Character.toUpperCase(src.get()); // the driver's view
                }
                return n;
            }
        }), data.length).declareImmutable();
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("aaaa\n", m.sh("cat rw").ok());
            m.sh("printf bb | dd of=rw bs=1 seek=1 conv=notrunc status=none").ok();
            assertEquals("aBBa\n", m.sh("cat rw").ok());
        }
    }

    @Test
    void aTreeOfImmutableContentIsOpenedByTheKernelAloneAndStillSeesChanges() { // FUSE no-open mode
        Counted c = new Counted("first\n");
        Tree tree = Tree.create();
        tree.declareImmutableContent();
        File f = tree.root().createFile("fixed", 0444, FileOps.blob(c), c.data.length);
        Counted other = new Counted("other file\n");
        tree.root().createFile("other", 0444, FileOps.blob(other), other.data.length);
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("first\n", m.sh("cat fixed").ok());
            assertEquals("other file\n", m.sh("cat other").ok());
            int reads = c.reads.get();
            assertEquals("first\nfirst\n", m.sh("cat fixed; cat fixed").ok());
            assertEquals(reads, c.reads.get());
            c.data = "again\n".getBytes(StandardCharsets.US_ASCII);
            f.notifyChanged();
            assertEquals("again\n", m.sh("cat fixed").ok());
            assertEquals("gai", m.sh("dd if=fixed bs=1 skip=1 count=3 status=none").ok());
            assertEquals("Permission denied\n", m.shAsNobody("echo x > fixed 2>/dev/null || echo Permission denied").ok());
        }
    }
}
