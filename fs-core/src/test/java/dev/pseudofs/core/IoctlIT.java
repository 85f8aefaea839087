package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * ioctl(2) on a real mount through FUSE's restricted ioctl, driven by python3's fcntl.ioctl: a
 * file's {@link Ioctl} hook (unlocked_ioctl, proc_ioctl: spec P5) gets {@code _IOC_SIZE} bytes
 * in and answers as many out; what the kernel gives files and directories without one (ENOTTY,
 * as vfs_ioctl and the host's /sys and /proc).
 */
class IoctlIT {
    static final int GET = IoctlCmd.ior('p', 1, 8);
    static final int SET = IoctlCmd.iow('p', 2, 8);
    static final int ADD = IoctlCmd.iowr('p', 3, 8);
    static final int PLUS_ONE = IoctlCmd.io('p', 4);
    static final int BUG = IoctlCmd.io('p', 5);
    static final int BUSY = IoctlCmd.io('p', 6);
    static final int NEGATIVE = IoctlCmd.io('p', 7);
    static final int REMOVE = IoctlCmd.io('p', 8);
    static final int UNKNOWN = IoctlCmd.ior('p', 99, 8);

    private final AtomicLong counter = new AtomicLong(41);
    private final Tree tree = Tree.create();

    IoctlIT() {
        Dir dir = tree.root().createDir("dev", 0755);
        dir.createFile("counter", 0644, FileOps.show(b -> b.line(counter.get())).withIoctl(this::ioctl),
                File.PAGE_SIZE);
        dir.createFile("plain", 0644, FileOps.show(b -> b.line(1)), File.PAGE_SIZE);
        dir.createFile("seq", 0444, FileOps.single(m -> m.puts("x\n")).withIoctl(this::ioctl), 0);
    }

    private int ioctl(OpenFile f, int cmd, IoctlArg arg) {
        if (cmd == GET) {
            arg.out().putLong(0, counter.get());
        } else if (cmd == SET) {
            counter.set(arg.in().getLong(0));
        } else if (cmd == ADD) {
            arg.out().putLong(0, counter.addAndGet(arg.in().getLong(0)));
        } else if (cmd == PLUS_ONE) {
            return (int) arg.value() + 1;
        } else if (cmd == BUG) {
            throw new IllegalStateException("a bug in the ioctl hook");
        } else if (cmd == BUSY) {
            throw new FsException(Errno.EBUSY, "busy");
        } else if (cmd == NEGATIVE) {
            return -5;
        } else if (cmd == REMOVE) {
            f.file().remove(); // the program removes the file while the caller holds it open
        } else {
            throw new FsException(Errno.ENOTTY, "unknown command");
        }
        return 0;
    }

    private static final String PROBE = """
            import errno, fcntl, os, struct
            def call(path, cmd, arg, flags=os.O_RDONLY):
                fd = os.open(path, flags)
                try:
                    r = fcntl.ioctl(fd, cmd, arg)
                    return struct.unpack('=q', r)[0] if isinstance(r, bytes) else r
                except OSError as e:
                    return errno.errorcode[e.errno]
                finally:
                    os.close(fd)
            """;

    @Test
    void readWriteAndBothWaysCommandsCarryTheirBytes() { // P5: proc_ioctl / unlocked_ioctl
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python(PROBE + String.format("""
                    q = lambda v: struct.pack('=q', v)
                    print(call('dev/counter', %d, bytes(8)), call('dev/counter', %d, q(1000)),
                          call('dev/counter', %d, bytes(8)), call('dev/counter', %d, q(5)),
                          call('dev/counter', %d, 6), open('dev/counter').read().strip())
                    """, GET, SET, GET, ADD, PLUS_ONE)).ok();
            // fcntl.ioctl returns its buffer after the call: an _IOW leaves it as it was (1000).
            assertEquals("41 1000 1000 1005 7 1005\n", out);
        }
    }

    @Test
    void unknownCommandsAndFilesWithoutTheHookAreEnotty() { // vfs_ioctl: ENOTTY
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python(PROBE + String.format("""
                    print(call('dev/counter', %d, bytes(8)), call('dev/plain', %d, bytes(8)),
                          call('dev/plain', 0x5401, 0), call('dev', %d, bytes(8)), call('.', %d, 0),
                          call('dev/seq', %d, bytes(8)))
                    """, UNKNOWN, GET, GET, PLUS_ONE, GET)).ok();
            assertEquals("ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY 41\n", out);
        }
    }

    @Test
    void aFailingHookAnswersItsErrnoAndTheServerServesOn() { // house rule: EIO, logged once
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python(PROBE + String.format("""
                    print(call('dev/counter', %d, 0), call('dev/counter', %d, 0), call('dev/counter', %d, 0),
                          call('dev/counter', %d, bytes(8)))
                    """, BUG, BUSY, NEGATIVE, GET)).ok();
            assertEquals("EIO EBUSY EIO 41\n", out);
            assertEquals("41\n", m.sh("cat dev/counter").ok());
        }
    }

    @Test
    void aRemovedFileAnswersThePolicysErrno() { // K29 (kernfs: ENODEV), D5 (debugfs: EIO)
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python(PROBE + String.format("""
                    fd = os.open('dev/counter', os.O_RDONLY)
                    r = [fcntl.ioctl(fd, %d, 0)]
                    try:
                        fcntl.ioctl(fd, %d, bytes(8))
                    except OSError as e:
                        r.append(errno.errorcode[e.errno])
                    print(r, os.path.exists('dev/counter'))
                    """, REMOVE, GET)).ok();
            assertEquals("[0, 'ENODEV'] False\n", out);
        }
    }

    @Test
    void inFuseNoOpenModeTheHookGetsTheContentOpenedForTheCall() { // fh 0: docs/architecture.md
        Tree fixed = Tree.create();
        fixed.declareImmutableContent();
        byte[] data = "41\n".getBytes(StandardCharsets.US_ASCII);
        fixed.root().createFile("counter", 0444, FileOps.blob(new BlobOps() {
            @Override
            public int read(ByteBuffer dst, long pos) {
                int n = (int) Math.max(0, Math.min(dst.remaining(), data.length - pos));
                dst.put(data, (int) pos, n);
                return n;
            }
        }).withIoctl(this::ioctl), data.length);
        try (TestMount m = TestMount.of(fixed)) {
            String out = m.python(PROBE + String.format("""
                    print(open('counter').read().strip(), call('counter', %d, bytes(8)),
                          call('counter', %d, bytes(8)))
                    """, GET, UNKNOWN)).ok();
            assertEquals("41 41 ENOTTY\n", out);
        }
    }
}
