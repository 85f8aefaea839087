package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Node;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Is the kernel's view of node ids: every node the kernel was told about in a LOOKUP (or mkdir,
 * symlink) reply, with how many times, until it forgets them. A node stays here after it is
 * removed from the tree while the kernel still holds it, so an open file keeps answering
 * {@code fstat} (K29). Node ids are our inode numbers; the root is FUSE's id 1.
 */
final class NodeTable {
    static final long ROOT_ID = 1;

    private final Dir root;
    private final ConcurrentHashMap<Long, Known> known = new ConcurrentHashMap<>();

    private static final class Known {
        final Node node;
        long lookups;

        Known(Node node) {
            this.node = node;
        }
    }

    NodeTable(Dir root) {
        if (root.ino() != ROOT_ID) {
            throw new IllegalStateException("the root must have inode 1, has " + root.ino());
        }
        this.root = root;
    }

    /** Returns the node the kernel calls {@code id}; ESTALE if the kernel cannot know it. */
    Node get(long id) {
        if (id == ROOT_ID) {
            return root;
        }
        Known k = known.get(id);
        if (k == null) {
            throw new FsException(Errno.ESTALE, "unknown node id " + id);
        }
        return k.node;
    }

    /** Returns the node the kernel calls {@code id}, or null when it cannot know it. */
    Node find(long id) {
        if (id == ROOT_ID) {
            return root;
        }
        Known k = known.get(id);
        return k == null ? null : k.node;
    }

    /** Returns whether the kernel may hold {@code node}. */
    boolean isKnown(Node node) {
        return node == root || known.containsKey(node.ino());
    }

    /** Counts one more reference the kernel holds to {@code node}. */
    void remember(Node node) {
        if (node != root) {
            known.compute(node.ino(), (id, k) -> {
                Known entry = k == null ? new Known(node) : k;
                entry.lookups++;
                return entry;
            });
        }
    }

    /** Drops {@code count} references to node {@code id}; the last one forgets it. */
    void forget(long id, long count) {
        if (id != ROOT_ID) {
            known.computeIfPresent(id, (i, k) -> (k.lookups -= count) > 0 ? k : null);
        }
    }
}
