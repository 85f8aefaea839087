package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Drives the tree's shape without a mount. */
class TreeTest {
    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "nul\0"})
    void badNamesAreProgrammerErrors(String name) {
        Tree tree = Tree.create();
        assertThrows(IllegalArgumentException.class, () -> tree.root().createDir(name, 0755));
    }

    @Test
    void duplicateNamesAnswerEexist() {
        Tree tree = Tree.create();
        tree.root().createDir("a", 0755);
        FsException e = assertThrows(FsException.class,
                () -> tree.root().createFile("a", 0444, FileOps.show(b -> b.append("x"))));
        assertEquals(Errno.EEXIST, e.errno());
    }

    @Test
    void removedNodesGetNewInodeNumbersWhenRecreated() { // K5
        Tree tree = Tree.create();
        long first = tree.root().createDir("a", 0755).ino();
        tree.resolve("/a").remove();
        assertNotEquals(first, tree.root().createDir("a", 0755).ino());
    }

    @Test
    void removeTakesTheSubtreeAndTheNameAtOnce() { // K29
        Tree tree = Tree.create();
        Dir a = tree.root().createDir("a", 0755);
        File f = a.createDir("b", 0755).createFile("f", 0444, FileOps.show(b -> b.append("x")));
        a.remove();
        assertTrue(f.isRemoved());
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> tree.resolve("/a/b/f")).errno());
        // A lookup inside the removed directory (a process whose cwd it was) finds nothing either.
        Dir b = (Dir) f.parent();
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> tree.lookup(b, "f")).errno());
    }

    @Test
    void directoryNlinkCountsSubdirectories() { // K3
        Tree tree = Tree.create();
        Dir a = tree.root().createDir("a", 0755);
        a.createDir("x", 0755);
        a.createDir("y", 0755);
        a.createFile("f", 0444, FileOps.show(b -> b.append("x")));
        assertEquals(4, tree.stat(a).nlink());
    }

    @Test
    void linkTextIsTheRelativePathAndFollowsMoves() { // S27
        Tree tree = Tree.create();
        Dir lo = tree.root().createDir("devices", 0755).createDir("virtual", 0755)
                .createDir("net", 0755).createDir("lo", 0755);
        Dir net = tree.root().createDir("class", 0755).createDir("net", 0755);
        Link link = net.createLink("lo", lo);
        assertEquals("../../devices/virtual/net/lo", link.target());
        lo.rename("lo0");
        assertEquals("../../devices/virtual/net/lo0", link.target());
        Dir sibling = tree.resolveDir("/class").createDir("other", 0755);
        assertEquals("../other", net.createLink("o", sibling).target());
    }

    @Test
    void kernfsHashOrderMatchesTheHostKernel() throws IOException { // K11, the kernel as oracle
        List<String> hostOrder;
        try (Stream<Path> s = Files.list(Path.of("/sys/kernel"))) {
            hostOrder = s.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
        Tree tree = Tree.create();
        for (String name : hostOrder.stream().sorted().toList()) {
            tree.root().createDir(name, 0755);
        }
        List<String> ours = tree.readdir(tree.root()).entries().stream().map(DirEntry::name)
                .filter(n -> !n.equals(".") && !n.equals("..")).toList();
        assertEquals(hostOrder, ours);
    }

    @Test
    void readdirResumesAtTheCookieOfTheLastEntryTaken() { // K11
        Tree tree = Tree.create();
        for (int i = 0; i < 50; i++) {
            tree.root().createDir("d" + i, 0755);
        }
        DirListing listing = tree.readdir(tree.root());
        List<DirEntry> all = listing.entries();
        assertEquals(DirListing.END, all.get(all.size() - 1).nextOffset());
        for (int i = 0; i + 1 < all.size(); i++) {
            assertEquals(i + 1, listing.indexOf(all.get(i).nextOffset()));
        }
    }

    @Test
    void aCachedListingFollowsEveryChange() { // K11, K29: the next ls sees adds, removes, renames
        Tree tree = Tree.create();
        Dir a = tree.root().createDir("a", 0755);
        Dir b = tree.root().createDir("b", 0755);
        a.createDir("x", 0755);
        assertEquals(List.of(".", "..", "x"), names(tree, a));
        assertTrue(tree.readdir(a) == tree.readdir(a), "unchanged directories reuse their listing");
        a.createDir("y", 0755);
        assertTrue(names(tree, a).contains("y"));
        tree.resolve("/a/x").rename("z");
        assertEquals(List.of(".", "..", "y", "z"), names(tree, a).stream().sorted().toList());
        tree.resolve("/a/y").remove();
        assertEquals(List.of(".", "..", "z"), names(tree, a));
        Dir z = tree.resolveDir("/a/z");
        tree.readdir(z);
        z.move(b, "z");
        assertEquals(b.ino(), tree.readdir(z).entries().get(1).ino(), ".. follows a move");
    }

    private static List<String> names(Tree tree, Dir d) {
        return tree.readdir(d).entries().stream().map(DirEntry::name).toList();
    }

    @Test
    void sequentialOrderUsesSmallOffsets() { // C2
        Tree tree = Tree.create(Policy.kernfs().withOrder(Policy.DirOrder.NAME), 0555);
        tree.root().createDir("b", 0755);
        tree.root().createDir("a", 0755);
        List<DirEntry> e = tree.readdir(tree.root()).entries();
        assertEquals(List.of(".", "..", "a", "b"), e.stream().map(DirEntry::name).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), e.stream().map(DirEntry::nextOffset).toList());
    }

    @Test
    void namespaceOperationsAnswerThePolicyErrnos() { // K8, K9
        Tree tree = Tree.create();
        Dir root = tree.root();
        Dir a = root.createDir("a", 0755);
        Context c = Context.KERNEL;
        assertEquals(Errno.EPERM, assertThrows(FsException.class, () -> tree.mkdir(c, root, "n", 0755)).errno());
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> tree.mkdir(c, root, "a", 0755)).errno());
        assertEquals(Errno.EPERM, assertThrows(FsException.class, () -> tree.rmdir(c, a)).errno());
        assertEquals(Errno.EACCES, assertThrows(FsException.class, () -> tree.create(c, root, "n")).errno());
        assertEquals(Errno.EPERM, assertThrows(FsException.class, () -> tree.symlink(c, "a", root, "l")).errno());
        assertEquals(Errno.EPERM, assertThrows(FsException.class, () -> tree.rename(c, a, root, "b", 0)).errno());
    }

    @Test
    void mknodAndLinkArePermErrorsInKernfsK9() { // K9
        Tree tree = Tree.create();
        Context c = Context.KERNEL;
        assertEquals(Errno.EPERM, assertThrows(FsException.class, () -> tree.mknod(c, tree.root(), "f")).errno());
        assertEquals(Errno.EPERM, assertThrows(FsException.class, () -> tree.link(c, tree.root(), tree.root(), "g")).errno());
        tree.root().createDir("a", 0755);
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> tree.mknod(c, tree.root(), "a")).errno());
    }

    @Test
    void newNamesFailAtLookupWhereThePolicySaysP9() { // P9, K10
        Policy proc = Policy.kernfs().withNewNameError(Errno.ENOENT);
        Tree tree = Tree.create(proc, 0555);
        Dir a = tree.root().createDir("a", 0555);
        tree.root().createDir("b", 0555);
        Context c = Context.KERNEL;
        Dir root = tree.root();
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> tree.mkdir(c, root, "n", 0755)).errno());
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> tree.create(c, root, "n")).errno());
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> tree.symlink(c, "x", root, "n")).errno());
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> tree.mknod(c, root, "n")).errno());
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> tree.rename(c, a, root, "n", 0)).errno());
        assertEquals(Errno.EPERM, assertThrows(FsException.class, () -> tree.rename(c, a, root, "b", 0)).errno());
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> tree.mkdir(c, root, "a", 0755)).errno());
    }

    @Test
    void listenersHearChangesInsideAtomicallyOnlyAfterTheOutermostUnlock() { // issue 15: no notice under the lock
        Tree tree = Tree.create();
        Dir a = tree.root().createDir("a", 0755);
        Dir b = tree.root().createDir("b", 0755);
        java.util.List<String> heard = new java.util.ArrayList<>();
        tree.addListener(new TreeListener() {
            @Override
            public void detached(Dir parent, String name, Node node) {
                heard.add(name + " held=" + tree.lock.isWriteLockedByCurrentThread());
            }

            @Override
            public void attributesChanged(Node node) {
                heard.add("attr " + node.name() + " held=" + tree.lock.isWriteLockedByCurrentThread());
            }
        });
        tree.atomically(() -> tree.atomically(() -> {
            a.remove();
            b.setMode(0700);
        }));
        assertEquals(List.of("a held=false", "attr  held=false", "attr b held=false"), heard); // the root: nlink (K3)
        b.setMode(0755); // outside atomically: at once
        assertEquals("attr b held=false", heard.get(3));
    }

    @Test
    void aDirectoryCanHideChildrenFromSomeCallers() {
        // DirOps.shows: pid 7 sees only "a"; everyone else sees both (container views' cpuN).
        for (Policy policy : List.of(Policy.kernfs(), Policy.kernfs().withOrder(Policy.DirOrder.NAME))) {
            Tree tree = Tree.create(policy, 0555);
            Dir d = tree.root().createDir("d", 0755);
            d.createDir("a", 0755);
            d.createDir("b", 0755);
            d.setOps(new DirOps() {
                @Override
                public boolean shows(Node child, Caller caller) {
                    return caller.pid() != 7 || child.name().equals("a");
                }
            });
            Context seven = Context.of(new Caller(7, 0, 0));
            Context other = Context.of(new Caller(8, 0, 0));
            List<String> mine = names(tree.readdir(seven, d));
            List<String> theirs = names(tree.readdir(other, d));
            assertEquals(List.of(".", "..", "a"), mine);
            assertEquals(List.of(".", "..", "a", "b"), theirs.stream().sorted().toList());
            assertEquals(Errno.ENOENT, assertThrows(FsException.class,
                    () -> tree.lookup(seven, d, "b")).errno());
            assertEquals("b", tree.lookup(other, d, "b").name());
            // The filtered listing's positions still chain: each entry's next is found again.
            DirListing l = tree.readdir(seven, d);
            for (int i = 0; i + 1 < l.entries().size(); i++) {
                assertEquals(i + 1, l.indexOf(l.entries().get(i).nextOffset()));
            }
            assertEquals(l.entries().size(), l.indexOf(l.entries().get(l.entries().size() - 1).nextOffset()));
        }
    }

    private static List<String> names(DirListing l) {
        return l.entries().stream().map(DirEntry::name).toList();
    }

    @Test
    void pollWakeUpsInsideAtomicallyWaitForTheOutermostUnlock() { // issue 15: FUSE_NOTIFY_POLL after the unlock; K30
        Tree tree = Tree.create();
        File f = tree.root().createFile("v", 0444, FileOps.show(b -> b.append("1\n")), File.PAGE_SIZE);
        Dir d = tree.root().createDir("d", 0755);
        OpenFile of = tree.open(f, 0, Caller.KERNEL);
        java.util.List<Boolean> woken = new java.util.ArrayList<>();
        of.poll(new PollWaiter() {
            @Override
            public void wake() {
                woken.add(tree.lock.isWriteLockedByCurrentThread());
            }

            @Override
            public void discard() {}
        });
        tree.atomically(() -> {
            tree.atomically(f::notifyChanged);
            assertEquals(List.of(), woken); // the inner block's end is not the outermost unlock
            d.remove();
        });
        assertEquals(List.of(false), woken); // woken once, with the lock released
        assertEquals(PollEvents.DEFAULT_MASK | PollEvents.POLLERR | PollEvents.POLLPRI, of.poll(null));
    }
}
