package dev.pseudofs.debugfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.Tree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Drives a debugfs tree as the kernel would, without a mount; comments give the shell step. */
class DebugfsTreeTest {
    private final Debugfs dfs = Debugfs.create();

    private OpenFile open(String path, int flags) {
        return dfs.tree().open(dfs.tree().resolve(path), flags, Caller.KERNEL);
    }

    private static String read(OpenFile of, long pos, int count) {
        ByteBuffer b = ByteBuffer.allocate(count);
        int n = of.read(b, pos);
        return new String(b.array(), 0, n, StandardCharsets.UTF_8);
    }

    private static int write(OpenFile of, long pos, String s) {
        return of.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), pos);
    }

    @Test
    void sequentialReadsContinueFromTheCachedText() { // D9
        AtomicLong v = new AtomicLong(4000000);
        dfs.createU64("g", 0644, null, v);
        OpenFile of = open("/g", 0);         // dd bs=1 if=g
        assertEquals("4", read(of, 0, 1));
        v.set(123);                          // the value changes between two 1-byte reads
        assertEquals("000000\n", read(of, 1, 100));
        assertEquals("", read(of, 8, 100));
        assertEquals("123\n", read(of, 0, 100)); // position 0 formats again
    }

    @Test
    void readAfterWriteOnOneDescriptorStartsAtTheUnmovedPosition() { // D9: write keeps *ppos
        AtomicInteger v = new AtomicInteger();
        dfs.createU32("v", 0644, null, v);
        OpenFile of = open("/v", Tree.O_RDWR);
        assertEquals(3, write(of, 0, "77\n"));
        assertEquals("77\n", read(of, 3, 100)); // FUSE's position moved by 3, the kernel's did not
    }

    @Test
    void rejectedWriteKeepsTheValue() { // D9
        AtomicInteger v = new AtomicInteger(5);
        dfs.createU8("v", 0644, null, v);
        OpenFile of = open("/v", Tree.O_WRONLY);
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> write(of, 0, "x\n")).errno());
        assertEquals(5, v.get());
        assertEquals(4, write(of, 0, "300\n"));
        assertEquals(44, v.get());
    }

    @Test
    void eachStrWriteOnOneDescriptorReplacesTheString() { // D11
        AtomicReference<String> s = new AtomicReference<>("old");
        dfs.createStr("s", 0644, null, s);
        OpenFile of = open("/s", Tree.O_WRONLY);
        assertEquals(4, write(of, 0, "abc\n"));
        assertEquals(4, write(of, 4, "xyz\n")); // next write(2): kernel position still 0
        assertEquals("xyz", s.get());
        OpenFile of2 = open("/s", Tree.O_WRONLY);
        assertEquals(3, write(of2, 3, "def")); // pwrite at exactly strlen: concatenation
        assertEquals("xyzdef", s.get());
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> write(of2, 1, "q")).errno());
    }

    @Test
    void u32ArrayIsASnapshotTakenAtOpen() { // D13
        int[] a = {1, 2, -1};
        dfs.createU32Array("a", 0444, null, a);
        OpenFile of = open("/a", 0);
        a[0] = 9;
        assertEquals("1 2 4294967295\n", read(of, 0, 100));
        assertEquals("9 2 4294967295\n", read(open("/a", 0), 0, 100));
    }

    @Test
    void removedFileAnswersEioOnOpenDescriptorsAndEnoentOnOpen() { // D5
        Dir d = dfs.createDir("d", null);
        dfs.createU8("v", 0644, d, new AtomicInteger(1));
        OpenFile of = open("/d/v", 0);
        dfs.removeRecursive(d);
        assertEquals(Errno.EIO, assertThrows(FsException.class, () -> read(of, 0, 10)).errno());
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> open("/d/v", 0)).errno());
        assertNull(dfs.lookup("d", null));
    }

    @Test
    void lookupFindsChildrenAndDuplicatesFailWithEexist() { // D4
        Dir d = dfs.createDir("d", null);
        assertSame(d, dfs.lookup("d", null));
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> dfs.createDir("d", null)).errno());
        dfs.lookupAndRemove("d", null);
        assertFalse(dfs.root().children().contains(d));
    }
}
