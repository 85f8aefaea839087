package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Nodes record who created them (THIS_MODULE), and unloading removes exactly those. */
class OwnerTest {
    private static List<String> names(Dir d) {
        return d.children().stream().map(Node::name).sorted().toList();
    }

    @Test
    void aNodeRecordsTheOwnerCurrentWhenItIsCreated() throws InterruptedException {
        Tree tree = Tree.create();
        Owner m = new Owner("m");
        Dir core = tree.root().createDir("core", 0755);
        Dir mine = m.call(() -> tree.root().createDir("mine", 0755));
        assertNull(core.owner());
        assertSame(m, mine.owner());
        assertNull(tree.root().createDir("after", 0755).owner()); // restored after run
        // a thread the owner's code starts creates for it too
        AtomicReference<Thread> started = new AtomicReference<>();
        m.run(() -> started.set(new Thread(() -> core.createDir("from-thread", 0755))));
        started.get().start();
        started.get().join();
        assertSame(m, tree.resolve("/core/from-thread").owner());
    }

    @Test
    void removeOwnedRemovesWhatTheOwnerCreatedAndNothingElse() {
        Tree tree = Tree.create();
        Owner m = new Owner("m");
        Owner other = new Owner("other");
        Dir shared = tree.root().createDir("shared", 0755);
        shared.createDir("core-made", 0755);
        m.run(() -> {
            Dir own = tree.root().createDir("own", 0755);
            own.createDir("inside", 0755);
            shared.createDir("m-made", 0755);
        });
        other.run(() -> {
            shared.createDir("other-made", 0755);
            tree.resolveDir("/own").createDir("other-in-own", 0755); // goes with m's directory
        });
        assertEquals(2, tree.removeOwned(m)); // own (with everything below) and shared/m-made
        assertEquals(List.of("shared"), names(tree.root()));
        assertEquals(List.of("core-made", "other-made"), names(shared));
        assertTrue(tree.removeOwned(m) == 0);
    }
}
