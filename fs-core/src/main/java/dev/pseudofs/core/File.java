package dev.pseudofs.core;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongSupplier;

/**
 * Is a regular file node whose content comes from its {@link FileOps}.
 *
 * <p>Besides its content, a file carries the kernfs change-notification state: an event
 * counter that {@link #notifyChanged()} bumps and the open files waiting in {@code poll()}
 * (kernfs_open_node: {@code event} and {@code poll} wait queue).
 */
public final class File extends Node {
    /** A size value meaning "report the mount's page size" (sysfs text attributes, K2). */
    public static final long PAGE_SIZE = -1;

    private static final AtomicIntegerFieldUpdater<File> EVENT =
            AtomicIntegerFieldUpdater.newUpdater(File.class, "event");

    private final Tree tree;   // immutable
    private final FileOps ops; // immutable
    private final long size;   // immutable: st_size is fixed for the node's life (K2)
    private volatile boolean immutable; // content may stay in the kernel's page cache
    private volatile LongSupplier length; // st_size measured instead of the fixed size: sizeFrom
    private volatile int event = 1; // kernfs starts at 1, open files at 0: K31
    private volatile Set<OpenFile> pollers; // created on first poll
    volatile boolean readOverstated; // a read of this file reported bytes it did not write (logged once)

    File(Tree tree, Dir parent, String name, int mode, FileOps ops, long size, Policy policy) {
        super(tree, parent, name, mode, policy);
        this.tree = tree;
        this.ops = Objects.requireNonNull(ops, "ops");
        if (size < 0 && size != PAGE_SIZE) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        this.size = size;
    }

    @Override
    public int typeBits() {
        return Stat.S_IFREG;
    }

    @Override
    public Tree tree() {
        return tree;
    }

    /** Returns the content operations. */
    public FileOps ops() {
        return ops;
    }

    /** Returns st_size as stat reports it. */
    public long size() {
        LongSupplier l = length;
        if (l != null) {
            long n = l.getAsLong();
            if (n >= 0) {
                return n;
            }
        }
        return size == PAGE_SIZE ? tree.pageSize() : size;
    }

    /**
     * Reports st_size as {@code length} says (a negative answer: the fixed size) instead of the
     * size the file was made with: for content served from the page cache
     * ({@link #declareImmutable}) whose exact length changes with it. A page-cached read returns
     * only up to st_size, so a file whose content is not its fixed size needs this; it deviates
     * from K2 (sysfs text attributes stat 4096, proc files 0) and is for opt-ins that say so.
     */
    public void sizeFrom(LongSupplier length) {
        this.length = length;
    }

    /**
     * Signals that the content changed (kernfs_notify, sysfs_notify): every open file that read
     * before this call now polls with POLLERR|POLLPRI, and waiting pollers wake (K30).
     */
    public void notifyChanged() {
        EVENT.incrementAndGet(this);
        wakePollers();
        if (isImmutable()) {
            tree.contentChanged(this); // the kernel drops the pages it kept
        }
    }

    /**
     * Declares the content constant until the program calls {@link #notifyChanged()}, and
     * {@link #size()} its exact length, so that a mount may serve reads from the kernel's page
     * cache. Only for content nothing else changes: not a show/store attribute whose show
     * reads live state (K19), not a seq file, not a file whose st_size is the page size (K2).
     * Writes through the mount drop the cached pages by themselves.
     */
    public void declareImmutable() {
        immutable = true;
    }

    /** Returns whether {@link #declareImmutable()} was called, here or for the whole tree. */
    public boolean isImmutable() {
        return immutable || tree.hasImmutableContent();
    }

    int event() {
        return event;
    }

    void addPoller(OpenFile of) {
        Set<OpenFile> set = pollers;
        if (set == null) {
            synchronized (this) {
                set = pollers;
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet();
                    pollers = set;
                }
            }
        }
        set.add(of);
    }

    void dropPoller(OpenFile of) {
        Set<OpenFile> set = pollers;
        if (set != null) {
            set.remove(of);
        }
    }

    // The FUSE_NOTIFY_POLL of each waiter goes out after the tree's outermost unlock, as every
    // notice does (Tree#tell): inside Tree.atomically() it waits for the block's end.
    void wakePollers() {
        if (pollers != null) {
            tree.tell(this::wakePollersNow);
        }
    }

    private void wakePollersNow() {
        Set<OpenFile> set = pollers;
        if (set == null) {
            return;
        }
        for (OpenFile of : set) {
            set.remove(of);
            of.wake();
        }
    }
}
