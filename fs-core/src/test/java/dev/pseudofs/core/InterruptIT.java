package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * FUSE_INTERRUPT through a real mount (issue 15): a read that waits in a callback, whose reader
 * gets a signal with a handler (no SA_RESTART), returns EINTR, as a read blocked in the kernel's
 * interruptible wait does; the server keeps serving.
 */
class InterruptIT {
    private volatile String state = "idle\n";

    // A read that waits for data that never comes (a pipe-like file): it pauses on its request
    // until the caller is interrupted, or gives up after 20 s with "timeout".
    private final RawOps waiting = new RawOps() {
        @Override
        public int read(OpenFile file, ByteBuffer dst, long pos) {
            Context ctx = file.context();
            state = "waiting\n";
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (System.nanoTime() < end) {
                    ctx.pause(100, TimeUnit.MILLISECONDS);
                }
            } catch (FsException e) {
                state = e.errno() + "\n";
                throw e;
            }
            state = "timeout\n";
            byte[] b = "timeout\n".getBytes(StandardCharsets.UTF_8);
            dst.put(b);
            return b.length;
        }
    };

    @Test
    void aSignalEndsAWaitingReadWithEintr() { // issue 15: interrupts; the kernel's -EINTR of an interruptible wait
        Tree tree = Tree.create();
        tree.root().createFile("wait", 0444, FileOps.raw(waiting).nonSeekable(), 0);
        tree.root().createFile("state", 0444, FileOps.show(b -> b.append(state)), File.PAGE_SIZE);
        tree.root().createFile("hello", 0444, FileOps.show(b -> b.append("hello\n")), File.PAGE_SIZE);
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python("""
                    import ctypes, os, signal, time
                    libc = ctypes.CDLL(None, use_errno=True)
                    got = []
                    signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))   # a handler, no SA_RESTART
                    fd = os.open('wait', os.O_RDONLY)
                    me = os.getpid()
                    if os.fork() == 0:
                        while open('state').read() != 'waiting\\n':          # the read is in the callback
                            time.sleep(0.01)
                        os.kill(me, signal.SIGUSR1)
                        os._exit(0)
                    buf = ctypes.create_string_buffer(100)
                    n = libc.read(fd, buf, 100)                              # no retry, unlike os.read
                    e = ctypes.get_errno()
                    os.wait()
                    print(n, os.strerror(e) if n < 0 else buf.value.decode().strip(), len(got))
                    print(open('hello').read().strip())                    # the server still serves
                    """).ok();
            assertEquals("-1 Interrupted system call 1\nhello\n", out);
            assertEquals("EINTR\n", state);
        }
    }
}
