package dev.pseudofs.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Is a symbolic link node, mode 0777 (K4).
 *
 * <p>A link either stores its text verbatim (procfs, debugfs) or points at a node of the same
 * tree, in which case {@link #target()} is the relative path the kernel would compute at
 * readlink time (kernfs_get_target_path, S27), so it follows renames and moves, or computes
 * its text on every readlink (procfs {@code /proc/self}, from the reader's {@link Caller}).
 */
public final class Link extends Node {
    private final Tree tree;          // immutable
    private final String text;        // immutable; null when the link points at a node
    private final Node targetNode;    // immutable; null when the link is plain text
    private final Supplier<String> computed; // immutable; null unless the text is computed

    private Link(Tree tree, Dir parent, String name, String text, Node targetNode,
                 Supplier<String> computed, Policy policy) {
        super(tree, parent, name, 0777, policy);
        this.tree = tree;
        this.text = text;
        this.targetNode = targetNode;
        this.computed = computed;
    }

    static Link toText(Tree tree, Dir parent, String name, String text, Policy policy) {
        Objects.requireNonNull(text, "target");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty symlink target");
        }
        return new Link(tree, parent, name, text, null, null, policy);
    }

    static Link toNode(Tree tree, Dir parent, String name, Node target, Policy policy) {
        Objects.requireNonNull(target, "target");
        if (target.tree() != tree) {
            throw new IllegalArgumentException("link target is in another tree: " + target);
        }
        return new Link(tree, parent, name, null, target, null, policy);
    }

    static Link computed(Tree tree, Dir parent, String name, Supplier<String> target, Policy policy) {
        Objects.requireNonNull(target, "target");
        return new Link(tree, parent, name, null, null, target, policy);
    }

    @Override
    public int typeBits() {
        return Stat.S_IFLNK;
    }

    @Override
    public Tree tree() {
        return tree;
    }

    /** Returns the node this link points at, or {@code null} for a plain-text link. */
    public Node targetNode() {
        return targetNode;
    }

    /** Returns the link text as the program itself reads it (the caller {@link Caller#KERNEL}). */
    public String target() {
        return target(Context.KERNEL);
    }

    /**
     * Returns the link text as readlink(2) shows it to the request {@code ctx}: a computed text
     * runs its supplier with the request's caller as {@link Caller#current()}.
     */
    public String target(Context ctx) {
        if (text != null) {
            return text;
        }
        if (computed != null) {
            String t;
            Caller previous = Caller.swap(ctx.caller());
            try {
                t = computed.get(); // e.g. /proc/self: depends on the caller (P12)
            } finally {
                Caller.restore(previous);
            }
            if (t == null || t.isEmpty()) {
                throw FsException.notFound("link " + path() + " resolves to nothing");
            }
            return t;
        }
        return relativePath(parent(), targetNode);
    }

    /** Returns st_size: 0 (sysfs, K4) or the byte length of the text (procfs, P3). */
    long size(Context ctx) {
        return policy().linkSizeIsTargetLength()
                ? target(ctx).getBytes(StandardCharsets.UTF_8).length : 0;
    }

    /**
     * Returns the path from directory {@code from} to {@code target}: one "../" per level up to
     * their closest common ancestor, then the names down to the target (kernfs_get_target_path).
     */
    static String relativePath(Dir from, Node target) {
        Set<Node> targetAncestors = new HashSet<>();
        for (Node a = target.parent(); a != null; a = a.parent()) {
            targetAncestors.add(a);
        }
        StringBuilder sb = new StringBuilder();
        Node base = from;
        while (base != null && base.parent() != null && !targetAncestors.contains(base)) {
            sb.append("../");
            base = base.parent();
        }
        Deque<String> down = new ArrayDeque<>();
        for (Node n = target; n != null && n != base; n = n.parent()) {
            down.push(n.name());
        }
        sb.append(String.join("/", down));
        return sb.toString();
    }
}
