package dev.pseudofs.configfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.testing.TestMount;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Eight threads create and remove items through the mount while reading and writing their
 * attributes; afterwards the tree, the program's bookkeeping and {@code ls} agree.
 */
@Tag("mount")
class ConcurrencyIT {
    private static final int THREADS = 8;
    private static final long RUN_NANOS = 3_000_000_000L;

    private final Fixture fx = new Fixture();
    private final List<Throwable> unexpected = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong linked = new AtomicLong();

    /** Runs step on THREADS threads for RUN_NANOS, then checks that no step met the unexpected. */
    private void race(Runnable step) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + RUN_NANOS;
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                while (System.nanoTime() < end) {
                    step.run();
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        synchronized (unexpected) {
            assertEquals(List.of(), unexpected);
        }
    }

    @Test
    void mkdirRmdirAndAttributeIoRaceWithoutCorruption() throws Exception { // G3, G5, G8a
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            Path simple = m.dir().resolve("02-simple-children");
            Path groups = m.dir().resolve("03-group-children");
            race(() -> step(simple, groups));
            assertTrue(done.get() > THREADS, "each thread did some work: " + done.get());

            // ls agrees with the program's view of every group.
            assertListing(m, "02-simple-children", fx.sample("02-simple-children"));
            ConfigGroup g3 = fx.sample("03-group-children");
            assertListing(m, "03-group-children", g3);
            for (var e : g3.children().entrySet()) {
                assertListing(m, "03-group-children/" + e.getKey(), (ConfigGroup) e.getValue());
            }
            // Every directory below the root belongs to exactly one attached item, and back.
            List<Dir> dirs = new ArrayList<>();
            collectDirs(fx.cfs.tree().root(), dirs);
            assertEquals(dirs.size() - 1, fx.cfs.items().size());
            for (Dir d : dirs.subList(1, dirs.size())) {
                ConfigItem item = fx.cfs.itemOf(d);
                assertTrue(item != null && item.isAttached() && item.path().equals(d.path()), d.path());
            }
            // find sees exactly the nodes the tree holds: no leftovers on either side.
            TreeSet<String> nodes = new TreeSet<>();
            collectPaths(fx.cfs.tree().root(), nodes);
            assertEquals(String.join("\n", nodes) + "\n", m.sh("find . | LC_ALL=C sort").ok());
        }
    }

    @Test
    void linksRacingWithRmdirKeepTheirCountsExact() throws Exception { // G5, G10, G11
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            Path targets = m.dir().resolve("targets");
            Path users = m.dir().resolve("users");
            race(() -> linkStep(targets, users));
            assertTrue(linked.get() > 0, "some links were made");
            // Every target's link count equals the links that point at it, and ls agrees.
            java.util.Map<ConfigItem, Integer> pointing = new java.util.HashMap<>();
            for (ConfigItem u : fx.users.children().values()) {
                assertEquals(new TreeSet<>(u.links().keySet()),
                        new TreeSet<>(List.of(m.sh("cd users/" + u.name() + " && find . -type l -printf '%f\\n'")
                                .ok().split("\n")).stream().filter(x -> !x.isEmpty()).toList()));
                u.links().values().forEach(t -> pointing.merge(t, 1, Integer::sum));
            }
            for (ConfigItem t : fx.targets.children().values()) {
                assertEquals(pointing.getOrDefault(t, 0), t.linkedBy(), t.name());
            }
            assertEquals(fx.cfs.linkTargets().size(), pointing.values().stream().mapToInt(i -> i).sum());
            assertListing(m, "targets", fx.targets);
            assertListing(m, "users", fx.users);
        }
    }

    private void linkStep(Path targets, Path users) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Path target = targets.resolve("t" + r.nextInt(4));
        Path user = users.resolve("u" + r.nextInt(3));
        Path link = user.resolve("l" + r.nextInt(3));
        try {
            switch (r.nextInt(6)) {
                case 0 -> Files.createDirectory(target);
                case 1 -> Files.createDirectory(user);
                case 2 -> {
                    Files.createSymbolicLink(link, Path.of("../../targets/t" + r.nextInt(4)));
                    linked.incrementAndGet();
                }
                case 3 -> Files.delete(link);
                case 4 -> Files.delete(target);
                default -> Files.delete(user);
            }
        } catch (FileAlreadyExistsException | NoSuchFileException | DirectoryNotEmptyException e) {
            // another thread won the race
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.contains("Device or resource busy") && !why.contains("No such file")) {
                record(e);
            }
        } catch (RuntimeException e) {
            record(e);
        }
    }

    private void step(Path simple, Path groups) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String name = "c" + r.nextInt(6);
        Path item = simple.resolve(name);
        Path group = groups.resolve("g" + r.nextInt(3));
        try {
            switch (r.nextInt(8)) {
                case 0, 1 -> Files.createDirectory(item);
                case 2 -> Files.delete(item);
                case 3 -> Files.writeString(item.resolve("storeme"), r.nextInt(1000) + "\n");
                case 4 -> {
                    String v = Files.readString(item.resolve("storeme"));
                    if (!v.matches("\\d+\n")) {
                        throw new AssertionError("torn value: " + v);
                    }
                }
                case 5 -> Files.createDirectory(group);
                case 6 -> Files.createDirectory(group.resolve(name));
                default -> Files.delete(r.nextBoolean() ? group : group.resolve(name));
            }
            done.incrementAndGet();
        } catch (FileAlreadyExistsException | NoSuchFileException | DirectoryNotEmptyException e) {
            done.incrementAndGet(); // the other threads won the race: expected
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No such file")) {
                record(e);
            }
        } catch (RuntimeException | AssertionError e) {
            record(e);
        }
    }

    private void record(Throwable t) {
        synchronized (unexpected) {
            unexpected.add(t);
        }
    }

    private static void assertListing(TestMount m, String path, ConfigGroup group) {
        TreeSet<String> want = new TreeSet<>(group.children().keySet());
        for (ConfigfsAttribute a : group.type().attributes()) {
            want.add(a.name());
        }
        String ls = m.sh("ls -1 " + path).ok();
        assertEquals(String.join("\n", want) + "\n", ls, path);
    }

    private static void collectPaths(Dir dir, TreeSet<String> out) {
        out.add("." + (dir.parent() == null ? "" : dir.path()));
        for (Node n : dir.children()) {
            if (n instanceof Dir d) {
                collectPaths(d, out);
            } else {
                out.add("." + n.path());
            }
        }
    }

    private static void collectDirs(Dir dir, List<Dir> out) {
        out.add(dir);
        for (Node n : dir.children()) {
            if (n instanceof Dir d) {
                collectDirs(d, out);
            }
        }
    }

}
