package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Test;

/** sysfs_notify and poll(2) through a real mount (K30, K31, T8). */
class PollIT {
    @Test
    void aPollerWakesOnNotifyAndRearmsByReadingFromZero() { // K30, K31, S28
        Tree tree = Tree.create();
        File value = tree.root().createFile("value", 0444, FileOps.show(b -> b.append("1\n")), File.PAGE_SIZE);
        tree.root().createFile("notify", 0200, FileOps.store(in -> {
            value.notifyChanged();
            return in.count();
        }), File.PAGE_SIZE);
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python("""
                    import os, select, time
                    fd = os.open('value', os.O_RDONLY)
                    p = select.poll()
                    p.register(fd, select.POLLIN | select.POLLPRI)
                    r = [p.poll(0)[0][1]]            # never read: IN|PRI|ERR at once (K31)
                    os.read(fd, 100)
                    r.append(p.poll(0)[0][1])        # read: just IN
                    if os.fork() == 0:
                        time.sleep(0.3)
                        c = os.open('notify', os.O_WRONLY); os.write(c, b'1'); os._exit(0)
                    t = time.time()
                    p2 = select.poll(); p2.register(fd, select.POLLPRI)
                    ev = p2.poll(10000)              # blocks until the notify wakes it
                    r.append(ev[0][1] if ev else 0)
                    r.append(time.time() - t < 9)
                    os.wait()
                    os.lseek(fd, 0, 0); os.read(fd, 100)
                    r.append(p.poll(0)[0][1])        # re-read from 0: quiet again
                    print(r)
                    """).ok();
            assertEquals("[11, 1, 10, True, 1]\n", out); // 11 = IN|PRI|ERR, 10 = PRI|ERR
        }
    }

    @Test
    void removalWakesPollersWithErrAndPri() { // K29, K33
        Tree tree = Tree.create();
        File value = tree.root().createFile("value", 0444, FileOps.show(b -> b.append("1\n")), File.PAGE_SIZE);
        tree.root().createFile("remove", 0200, FileOps.store(in -> {
            value.remove();
            return in.count();
        }), File.PAGE_SIZE);
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python("""
                    import os, select, time
                    fd = os.open('value', os.O_RDONLY)
                    os.read(fd, 100)
                    if os.fork() == 0:
                        time.sleep(0.3)
                        c = os.open('remove', os.O_WRONLY); os.write(c, b'1'); os._exit(0)
                    p = select.poll(); p.register(fd, select.POLLPRI)
                    ev = p.poll(10000)
                    os.wait()
                    print(ev[0][1] if ev else 0)
                    """).ok();
            assertEquals("10\n", out);
        }
    }
}
