package dev.pseudofs.core;

/**
 * Is told when the shape or the attributes of a {@link Tree} change, so that a mount can drop
 * what the kernel has cached about a name or an inode (the FUSE bridge sends the kernel's
 * invalidation notices from here).
 *
 * <p>Both methods run after the tree lock is released, on the thread that made the change.
 */
public interface TreeListener {
    /** Is called when {@code name} leaves {@code parent}: {@code node} was removed or moved. */
    void detached(Dir parent, String name, Node node);

    /** Is called when the mode or owner of {@code node} changed. */
    void attributesChanged(Node node);

    /** Is called when the content of {@code file}, declared immutable, changed. */
    default void contentChanged(File file) {}

    /** Is called when names were added to or removed from {@code dir} after it was listed. */
    default void childrenChanged(Dir dir) {}
}
