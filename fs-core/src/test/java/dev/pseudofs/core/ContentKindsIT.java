package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The sequence, blob and raw content kinds through a real mount. */
class ContentKindsIT {
    private static SeqOperations<Long> numbers(long n) {
        return SeqOperations.range(() -> n, (m, v) -> m.putDecimal(v).putc('\n'));
    }

    @Test
    void aLargeSequenceFileStreamsWholeAndPagesOneBufferPerRead() { // Q6, Q7, T1
        Tree tree = Tree.create();
        tree.root().createFile("numbers", 0444, FileOps.seq(numbers(2_000_000)));
        try (TestMount m = TestMount.of(tree)) {
            // st_size 0, yet the whole 15 MB arrive: every open is direct I/O (T1).
            assertEquals("0\n", m.sh("stat -c %s numbers").ok());
            assertEquals(m.sh("seq 0 1999999 | sha256sum").ok(), m.sh("cat numbers | sha256sum").ok());
            String sizes = m.python("""
                    import os
                    fd = os.open('numbers', os.O_RDONLY)
                    print([len(os.read(fd, 131072)) for _ in range(3)])
                    """).ok();
            assertEquals("[4095, 4095, 4095]\n", sizes); // whole records, about one page (Q7)
            assertEquals("1999999\n", m.sh("tail -n 1 numbers").ok());
            assertEquals("1000\n1001\n", m.sh("dd if=numbers bs=1 skip=3890 count=10 status=none").ok());
        }
    }

    @Test
    void aFillingSequenceFileGivesTheSameBytesInFullReads() { // Q7 opt-out, see docs/compat.md
        Tree tree = Tree.create();
        tree.root().createFile("paged", 0444, FileOps.seq(numbers(200_000)));
        tree.root().createFile("filled", 0444, FileOps.seq(numbers(200_000)).fillingReads());
        try (TestMount m = TestMount.of(tree)) {
            assertEquals(m.sh("cat paged | sha256sum").ok(), m.sh("cat filled | sha256sum").ok());
            String sizes = m.python("""
                    import os
                    fd = os.open('filled', os.O_RDONLY)
                    print([len(os.read(fd, 131072)) for _ in range(2)], len(os.read(fd, 10)))
                    """).ok();
            assertEquals("[131072, 131072] 10\n", sizes); // records split only at the buffer's end
            assertEquals(m.sh("seq 0 199999 | tail -c +262155 | head -c 300").ok(),
                    m.sh("tail -c +262155 filled | head -c 300").ok());
        }
    }

    @Test
    void blobsReadAndWriteAtOffsetsOnePageAtATime() { // K20, S21, S22
        byte[] data = new byte[10000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        Tree tree = Tree.create();
        tree.root().createFile("blob", 0644, FileOps.blob(new BlobOps() {
            @Override
            public boolean writable() {
                return true;
            }

            @Override
            public int read(ByteBuffer dst, long pos) {
                int n = dst.remaining();
                dst.put(data, (int) pos, n);
                return n;
            }

            @Override
            public int write(ByteBuffer src, long pos) {
                int n = src.remaining();
                src.get(data, (int) pos, n);
                return n;
            }
        }), data.length);
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("10000\n", m.sh("stat -c %s blob").ok());
            assertEquals("[4096, 4096, 1808, 0]\n", m.python("""
                    import os
                    fd = os.open('blob', os.O_RDONLY)
                    print([len(os.read(fd, 65536)) for _ in range(4)])
                    """).ok());
            assertEquals("cdef", m.sh("dd if=blob bs=1 skip=2 count=4 status=none").ok());
            m.sh("printf XYZ | dd of=blob bs=1 seek=9998 conv=notrunc status=none; echo $?").ok();
            assertEquals("XY", new String(data, 9998, 2)); // clipped at the size (S22)
            assertEquals("[27]\n", m.python("""
                    import os
                    fd = os.open('blob', os.O_WRONLY)
                    try:
                        os.pwrite(fd, b'q', 10000)
                    except OSError as e:
                        print([e.errno])
                    """).ok()); // EFBIG past the end
        }
    }

    @Test
    void rawFilesSeeEveryCallAndNonSeekableOnesRefuseLseek() { // D9 shape, nonseekable bit
        Tree tree = Tree.create(Policy.kernfs().withOpenCheck(Policy.OpenCheck.NONE), 0755);
        tree.root().createFile("echo", 0644, FileOps.raw(new RawOps() {
            @Override
            public int read(OpenFile f, ByteBuffer dst, long pos) {
                byte[] b = ("pos=" + pos + " count=" + dst.remaining() + "\n").getBytes();
                int n = Math.min(b.length, dst.remaining());
                dst.put(b, 0, n);
                return n;
            }
        }).nonSeekable());
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("[b'pos=0 count=100\\n', b'pos=16 ', 29]\n", m.python("""
                    import os
                    fd = os.open('echo', os.O_RDONLY)
                    r = [os.read(fd, 100), os.read(fd, 7)]
                    try:
                        os.lseek(fd, 0, 0)
                    except OSError as e:
                        r.append(e.errno)
                    print(r)
                    """).ok()); // ESPIPE = 29: the raw nonseekable bit reached the kernel
            assertEquals("Invalid argument\n", m.python("""
                    import os
                    fd = os.open('echo', os.O_WRONLY)
                    try:
                        os.write(fd, b'x')
                    except OSError as e:
                        print(e.strerror)
                    """).ok()); // no write method (K27)
        }
    }

    @Test
    void aRawReadThatOverstatesItsBytesFailsWithEioAndLeaksNothing() { // K21, issue 15
        Tree tree = Tree.create();
        tree.root().createFile("secret", 0444, FileOps.raw(new RawOps() {
            @Override
            public int read(OpenFile file, ByteBuffer dst, long pos) {
                int n = pos == 0 ? Math.min(dst.remaining(), 4000) : 0;
                for (int i = 0; i < n; i++) {
                    dst.put((byte) 'S');
                }
                return n;
            }
        }));
        tree.root().createFile("liar", 0444, FileOps.raw(new RawOps() {
            @Override
            public int read(OpenFile file, ByteBuffer dst, long pos) {
                dst.put("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return 4000; // wrote 3
            }
        }));
        try (TestMount m = TestMount.of(tree)) {
            // The same reader thread answers both reads: its reply buffer still holds the 'S's.
            String out = m.python("""
                    import os
                    for name in ['secret', 'liar', 'liar']:
                        fd = os.open(name, os.O_RDONLY)
                        try:
                            data = os.read(fd, 4096)
                            print(name, len(data), data.count(b'S'))
                        except OSError as e:
                            print(name, 'errno', e.errno)
                        os.close(fd)
                    """).ok();
            assertEquals("secret 4000 4000\nliar errno 5\nliar errno 5\n", out);
            assertEquals("secret 4000 4000\n", m.python("""
                    import os
                    fd = os.open('secret', os.O_RDONLY)
                    data = os.read(fd, 4096)
                    print('secret', len(data), data.count(b'S'))
                    """).ok()); // the server still serves
        }
    }
}
