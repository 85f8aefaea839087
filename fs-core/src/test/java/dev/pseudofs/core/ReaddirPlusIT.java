package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Test;

/** Directory listings with attributes (READDIRPLUS): what `ls -l` shows, before and after changes. */
class ReaddirPlusIT {
    @Test
    void lsOfABigDirectorySeesEveryEntryWithItsAttributesAndEveryLaterChange() { // K10, K11, K29
        lsSeesChanges(Tree.create(), MountOptions.defaults());
    }

    @Test
    void aCachedListingIsDroppedWhenTheProgramChangesTheDirectory() { // K29 with FOPEN_CACHE_DIR
        lsSeesChanges(Tree.create(), MountOptions.defaults().withOption("entry_timeout=3600").withOption("attr_timeout=3600"));
    }

    // READDIRPLUS gives each record the node its listing was taken from (no lookup per name):
    // a name replaced between two READDIRPLUS of one listing must not carry the gone node's
    // attributes, and the name removed must be gone for lstat (K29), though the open directory
    // still lists it (its snapshot, taken at offset 0, DirListing). The store of "swap" replaces f15000
    // (0444) with a new f15000 (0600) and removes f15002 while python is in the middle of the
    // listing (its first getdents64 covers ~200 names of 20,000).
    @Test
    void aNameReplacedInTheMiddleOfOneListingShowsTheNewNode() { // K29, K11
        Tree tree = Tree.create();
        Dir big = tree.root().createDir("big", 0755);
        tree.atomically(() -> {
            for (int i = 0; i < 20_000; i++) {
                big.createFile(String.format("f%05d", i), 0444, FileOps.showStore(b -> b.line(1), null), File.PAGE_SIZE);
            }
        });
        tree.root().createFile("swap", 0200, FileOps.showStore(null, in -> {
            tree.atomically(() -> {
                big.lookup("f15000").remove();
                big.lookup("f15002").remove();
                big.createFile("f15000", 0600, FileOps.showStore(b -> b.line(2), null), File.PAGE_SIZE);
            });
            return in.count();
        }), File.PAGE_SIZE);
        try (TestMount m = TestMount.of(tree)) {
            String out = m.python(String.join("\n",
                    "import os, stat",
                    "d = os.path.join(os.getcwd(), 'big')",
                    "it = os.scandir(d)",
                    "first = next(it).name",
                    "open(os.path.join(os.getcwd(), 'swap'), 'w').write('1')",
                    "names = [first] + [e.name for e in it]",
                    "for n in ('f15000', 'f15001', 'f15002'):",
                    "    p = os.path.join(d, n)",
                    "    print(n, n in names, stat.filemode(os.lstat(p).st_mode) if os.path.lexists(p) else 'gone')",
                    "")).ok();
            assertEquals("f15000 True -rw-------\nf15001 True -r--r--r--\nf15002 True gone\n", out);
            assertEquals("-rw-------\n2\n", m.sh("ls -l big | awk '$NF==\"f15000\"{print $1}'; cat big/f15000").ok());
        }
    }

    private static void lsSeesChanges(Tree tree, MountOptions options) {
        Dir big = tree.root().createDir("big", 0755);
        tree.atomically(() -> {
            for (int i = 0; i < 20_000; i++) {
                big.createFile("f" + i, i % 2 == 0 ? 0444 : 0644, FileOps.showStore(b -> b.line(1), null), File.PAGE_SIZE);
            }
        });
        try (TestMount m = TestMount.of(tree, options)) {
            assertEquals("20000\n", m.sh("ls big | wc -l").ok());
            assertEquals("10000 10000\n", m.sh(
                    "ls -l big | awk '/^-r--r--r--/{r++} /^-rw-r--r--/{w++} END{print r, w}'").ok());
            assertEquals("-rw-r--r-- 4096 f19999\n", m.sh("ls -l big | awk '$NF==\"f19999\"{print $1, $5, $NF}'").ok());

            tree.atomically(() -> {
                big.lookup("f7").remove();
                big.lookup("f19999").remove();
                big.createFile("added", 0400, FileOps.showStore(b -> b.line(2), null), File.PAGE_SIZE);
            });
            assertEquals("-r-------- added\n-r--r--r-- f8\n", m.sh(
                    "ls -l big | awk 'NR>1{print $1, $NF}' | grep -E ' (f7|f19999|added|f8)$' | sort").ok());
            assertEquals("19999\n", m.sh("ls big | wc -l").ok());
            assertEquals("2\n", m.sh("cat big/added").ok());
            assertEquals("gone\n", m.sh("test -e big/f7 || echo gone").ok());
            big.createFile("late", 0444, FileOps.showStore(b -> b.line(3), null), File.PAGE_SIZE); // no atomically()
            assertEquals("20000\n", m.sh("ls big | wc -l").ok());
            assertEquals("late\n", m.sh("ls big | grep -x late").ok());
        }
    }
}
