package dev.pseudofs.core;

/**
 * Says what a user's namespace operations do inside one directory (configfs-style trees).
 *
 * <p>Directories without ops refuse these with their policy's errnos (K8, K9, P9). Each method
 * runs without the tree lock held and may create or remove nodes; it reports refusal by
 * throwing {@link FsException}. The defaults refuse with EPERM.
 *
 * <p>Two hooks let a directory fill itself on demand (/proc/PID directories): {@link #lookup}
 * when a name is not found, and {@link #readdir} before a listing.
 */
public interface DirOps {
    /**
     * Is called when {@code name} is not a child of {@code parent}; may create it (through
     * {@code parent.create*}) and return it, or return {@code null} for ENOENT.
     */
    default Node lookup(Dir parent, String name, Caller caller) {
        return null;
    }

    /** Is called before {@code parent} is listed; may add or remove children. */
    default void readdir(Dir parent, Caller caller) {}

    /**
     * Returns whether the kernel must ask again for {@code child} on every path walk instead of
     * keeping the name for a second: true where what a name means can change without the program
     * removing the node (a /proc/PID whose process exited, the kernel's pid_revalidate; a link
     * whose text depends on who reads it).
     */
    default boolean revalidate(Node child) {
        return false;
    }

    /**
     * Returns whether {@code caller} sees {@code child}: a hidden child is absent from the
     * caller's lookups (ENOENT) and listings. For a directory whose entries depend on who asks
     * (a container view's {@code cpuN}); such children also want {@link #revalidate}, so that
     * the kernel asks again on every path walk instead of reusing another caller's answer.
     */
    default boolean shows(Node child, Caller caller) {
        return true;
    }

    /** Handles {@code mkdir parent/name}; the name is free when this is called. */
    default void mkdir(Dir parent, String name, int mode, Caller caller) {
        throw FsException.notPermitted("mkdir");
    }

    /** Handles {@code rmdir} of {@code child}, a directory inside {@code parent}. */
    default void rmdir(Dir parent, Dir child, Caller caller) {
        throw FsException.notPermitted("rmdir");
    }

    /** Handles {@code ln -s target parent/name}; the name is free when this is called. */
    default void symlink(Dir parent, String name, String target, Caller caller) {
        throw FsException.notPermitted("symlink");
    }

    /** Handles {@code rm} of {@code child}, a file or link inside {@code parent}. */
    default void unlink(Dir parent, Node child, Caller caller) {
        throw FsException.notPermitted("unlink");
    }
}
