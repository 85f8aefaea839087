package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Access patterns on a show/store file; each step names the shell command it stands for. */
class ShowStoreTest {
    private final AtomicInteger counter = new AtomicInteger(29);
    private final List<String> stores = new ArrayList<>();
    private final Tree tree = Tree.create();

    ShowStoreTest() {
        tree.root().createFile("rx_packets", 0644, FileOps.showStore(
                b -> b.line(counter.getAndAdd(6)),
                in -> {
                    stores.add(in.toString());
                    return in.count();
                }), File.PAGE_SIZE);
    }

    private String read(OpenFile of, int count, long pos) {
        ByteBuffer b = ByteBuffer.allocate(count);
        int n = of.read(b, pos);
        return new String(b.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void theKernelProbeOfK19() { // K19: the observation on rx_packets, step by step
        OpenFile of = tree.open(tree.resolve("/rx_packets"), 0, Caller.KERNEL);
        assertEquals("29", read(of, 2, 0));    // read(2) -> "29"
        assertEquals("\n", read(of, 2, 2));    // next read -> "\n" from the same snapshot
        assertEquals("35\n", read(of, 100, 0)); // pread(100, 0) -> fresh
        assertEquals("1\n", read(of, 100, 1));  // pread(100, 1) -> fresh "41\n" minus 1 byte
        assertEquals("47\n", read(of, 100, 0)); // lseek(0) + read -> fresh
    }

    @Test
    void ddBs1SeesOneSnapshot() { // S11, T2: dd if=rx_packets bs=1
        OpenFile of = tree.open(tree.resolve("/rx_packets"), 0, Caller.KERNEL);
        StringBuilder sb = new StringBuilder();
        for (long pos = 0; ; pos++) {
            String s = read(of, 1, pos);
            if (s.isEmpty()) {
                break;
            }
            sb.append(s);
        }
        assertEquals("29\n", sb.toString());
    }

    @Test
    void zeroByteReadsReturnZeroAndFilesWithoutShowAnswerEinval() { // K21
        OpenFile of = tree.open(tree.resolve("/rx_packets"), 0, Caller.KERNEL);
        assertEquals(0, of.read(ByteBuffer.allocate(0), 0));
        assertEquals(29, counter.get(), "show did not run for a zero-byte read");
        Tree t = Tree.create(Policy.kernfs().withOpenCheck(Policy.OpenCheck.NONE), 0755);
        t.root().createFile("wo", 0644, FileOps.store(in -> in.count()));
        OpenFile wo = t.open(t.resolve("/wo"), 0, Caller.KERNEL); // no kernfs open check: the open works
        assertEquals(Errno.EINVAL, assertThrows(FsException.class,
                () -> wo.read(ByteBuffer.allocate(10), 0)).errno());
    }

    @Test
    void writesAreClampedToOnePage() { // K25, S18: write(5000) -> 4096
        OpenFile of = tree.open(tree.resolve("/rx_packets"), Tree.O_WRONLY, Caller.KERNEL);
        assertEquals(4096, of.write(ByteBuffer.wrap(new byte[5000]), 0));
        assertEquals(4095, of.write(ByteBuffer.wrap(new byte[4095]), 0));
        assertEquals(1, of.write(ByteBuffer.wrap(new byte[] {'1'}), 100)); // S14: position ignored
        assertEquals(List.of(4096, 4095, 1), stores.stream().map(String::length).toList());
    }

    @Test
    void atomicWriteLengthAnswersE2big() { // K25: cgroup atomic_write_len
        Tree t = Tree.create(Policy.kernfs().withWriteLimit(Policy.WriteLimit.PAGE_ATOMIC), 0755);
        t.root().createFile("f", 0644, FileOps.store(in -> in.count()));
        OpenFile of = t.open(t.resolve("/f"), Tree.O_WRONLY, Caller.KERNEL);
        assertEquals(4096, of.write(ByteBuffer.wrap(new byte[4096]), 0));
        assertEquals(Errno.E2BIG, assertThrows(FsException.class,
                () -> of.write(ByteBuffer.wrap(new byte[4097]), 0)).errno());
    }

    @Test
    void rootCannotOpenForWritingWithoutStoreOrWriteBit() { // K17
        tree.root().createFile("ro", 0444, FileOps.show(b -> b.append("x")));
        tree.root().createFile("wo", 0200, FileOps.store(in -> in.count()));
        assertEquals(Errno.EACCES, assertThrows(FsException.class,
                () -> tree.open(tree.resolve("/ro"), Tree.O_WRONLY, Caller.KERNEL)).errno());
        assertEquals(Errno.EACCES, assertThrows(FsException.class,
                () -> tree.open(tree.resolve("/wo"), 0, Caller.KERNEL)).errno());
    }

    @Test
    void showFillingThePageIsCutToPageMinusOne() { // S10
        tree.root().createFile("big", 0444, FileOps.show(b -> b.put(new byte[5000])), File.PAGE_SIZE);
        OpenFile of = tree.open(tree.resolve("/big"), 0, Caller.KERNEL);
        assertEquals(4095, of.read(ByteBuffer.allocate(8192), 0));
    }

    @Test
    void emitKeepsRoomForTheNul() { // S12
        PageBuffer b = new PageBuffer(4096);
        assertEquals(4095, b.emit("%s", "y".repeat(5000)));
        assertEquals(0, b.emit("more"));
    }

    @Test
    void removedNodeAnswersThePolicyErrnoOnOpenFiles() { // K29, T9
        OpenFile of = tree.open(tree.resolve("/rx_packets"), 0, Caller.KERNEL);
        tree.resolve("/rx_packets").remove();
        assertEquals(Errno.ENODEV, assertThrows(FsException.class, () -> read(of, 10, 0)).errno());
    }
}
