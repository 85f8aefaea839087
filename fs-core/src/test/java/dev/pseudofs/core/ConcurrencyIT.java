package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.TestMount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Eight threads read, write, list and reshape one mounted tree for a few seconds (K22). */
class ConcurrencyIT {
    @Test
    void aBlockedCallbackStallsNoOtherFile() throws Exception {
        Tree tree = Tree.create();
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        FileOps blocking = FileOps.show(b -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            b.append("late\n");
        });
        tree.root().createFile("slow1", 0444, blocking);
        tree.root().createFile("slow2", 0444, blocking);
        tree.root().createFile("fast", 0444, FileOps.show(b -> b.append("fast\n")));
        try (TestMount m = TestMount.of(tree)) {
            // Two readers hang in show; every other request must still be answered.
            Process hung = new ProcessBuilder("sh", "-c", "cat slow1 & cat slow2; wait")
                    .directory(m.dir().toFile()).start();
            try {
                assertTrue(entered.await(10, TimeUnit.SECONDS), "both slow reads reached show");
                assertEquals("fast\nfast\n", m.sh("timeout 5 cat fast; timeout 5 cat fast").ok());
                assertTrue(m.sh("timeout 5 ls").ok().contains("slow2"));
            } finally {
                release.countDown();
            }
            assertTrue(hung.waitFor(10, TimeUnit.SECONDS));
            assertEquals("late\nlate\n", new String(hung.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readersWritersAndReshapersLoseNothing() throws Exception {
        Tree tree = Tree.create();
        Set<String> stored = ConcurrentHashMap.newKeySet();
        AtomicLong last = new AtomicLong();
        Dir d = tree.root().createDir("d", 0755);
        d.createFile("value", 0644, FileOps.showStore(b -> b.line(last.get()), in -> {
            String t = in.text().trim();
            stored.add(t);
            last.set(Long.parseLong(t.substring(t.indexOf('-') + 1)));
            return in.count();
        }), File.PAGE_SIZE);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicLong writes = new AtomicLong();
        long deadline = System.nanoTime() + 3_000_000_000L;
        try (TestMount m = TestMount.of(tree)) {
            Path value = m.dir().resolve("d/value");
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) { // writers: every write is one store, none lost
                int id = t;
                threads.add(new Thread(() -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        try {
                            Files.writeString(value, id + "-" + i + "\n");
                            writes.incrementAndGet();
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                }));
            }
            for (int t = 0; t < 2; t++) { // readers: always one whole number
                threads.add(new Thread(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            String s = Files.readString(value, StandardCharsets.UTF_8);
                            if (!s.matches("\\d+\n")) {
                                errors.add(new AssertionError("torn read: " + s));
                            }
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                }));
            }
            threads.add(new Thread(() -> { // reshaper: adds and removes nodes while mounted
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    try {
                        Dir sub = d.createDir("sub" + i, 0755);
                        sub.createFile("f", 0444, FileOps.show(b -> b.append("x\n")), File.PAGE_SIZE);
                        sub.remove();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            }));
            threads.add(new Thread(() -> { // lister: races with the reshaper
                while (System.nanoTime() < deadline) {
                    try (var s = Files.list(m.dir().resolve("d"))) {
                        s.forEach(p -> {
                            try {
                                Files.readAttributes(p, "basic:size");
                            } catch (NoSuchFileException gone) {
                                // removed between readdir and stat: expected
                            } catch (Exception e) {
                                errors.add(e);
                            }
                        });
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            }));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertTrue(errors.isEmpty(), () -> errors.size() + " errors, first: " + errors.get(0));
            assertTrue(writes.get() > 100, "only " + writes.get() + " writes");
            assertEquals(writes.get(), stored.size(), "every write reached the store once");
            assertEquals("value\n", m.sh("ls d").ok());
        }
    }
}
