package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Poll wake-ups raised inside {@link Tree#atomically} are written after the block ends (issue 15):
 * four program threads change files and add and remove nodes in atomic blocks while four
 * pollers wait on those files through a real mount; every poll is woken and nothing deadlocks
 * (K30, K31).
 */
class PollAtomicIT {
    @Test
    void pollersWakeWhileFourThreadsChangeTheTreeAtomically() throws Exception { // K30, K31; issue 15
        Tree tree = Tree.create();
        List<File> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(tree.root().createFile("v" + i, 0444, FileOps.show(b -> b.append("1\n")), File.PAGE_SIZE));
        }
        Dir scratch = tree.root().createDir("scratch", 0755);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> changers = new ArrayList<>();
        try (TestMount m = TestMount.of(tree)) {
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String name = "n" + id + "-" + n;
                        tree.atomically(() -> {
                            Dir made = scratch.createDir(name, 0755);
                            files.get((id + 1) % 4).notifyChanged();
                            files.get(id).notifyChanged();
                            made.remove();
                        });
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "changer " + t);
                th.start();
                changers.add(th);
            }
            String out = m.python("""
                    import os, select, threading
                    woken = [0] * 4
                    def poller(i):
                        fd = os.open('v%d' % i, os.O_RDONLY)
                        for _ in range(40):
                            os.lseek(fd, 0, 0); os.read(fd, 100)        # seen: quiet until the next change
                            p = select.poll(); p.register(fd, select.POLLPRI)
                            if p.poll(20000):
                                woken[i] += 1
                        os.close(fd)
                    ts = [threading.Thread(target=poller, args=(i,)) for i in range(4)]
                    for t in ts: t.start()
                    for t in ts: t.join()
                    print(woken, len(os.listdir('scratch')) < 100)
                    """).ok();
            assertEquals("[40, 40, 40, 40] True\n", out);
        } finally {
            stop.set(true);
            for (Thread th : changers) {
                th.join();
            }
        }
    }
}
