package dev.pseudofs.core.fuse;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.TreeListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the kernel what it must forget when the tree changes, which is what lets it keep names
 * and attributes for a while without breaking K29: a name that leaves a directory
 * ({@code FUSE_NOTIFY_INVAL_ENTRY}), a node whose mode, owner or nlink changed
 * ({@code FUSE_NOTIFY_INVAL_INODE}), an immutable file's content that changed (the same notice
 * with offset 0, which also drops its pages). Nodes the kernel was never told about need nothing.
 *
 * <p>To drop a name the kernel takes its directory's lock. A request that holds that lock while
 * the bridge serves it (lookup, readdir, mkdir, rmdir, ...) would then wait for itself, so a name
 * whose directory a request in flight holds locked ({@link Request#holdsDirectory}, asked through
 * {@code lockedByKernel}) is passed to a thread of its own, which sends it once that reply is out.
 *
 * <p>Notices are never written under the tree's lock: the tree calls its listeners after the
 * outermost unlock ({@code Tree.atomically} queues them until its end).
 */
final class Invalidation implements TreeListener {
    private static final Logger log = LoggerFactory.getLogger(Invalidation.class);

    private final NodeTable nodes;
    private final Session session;
    private final LongPredicate lockedByKernel;
    private final ExecutorService deferred = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pseudofs-invalidate");
        t.setDaemon(true);
        return t;
    });

    Invalidation(NodeTable nodes, Session session, LongPredicate lockedByKernel) {
        this.nodes = nodes;
        this.session = session;
        this.lockedByKernel = lockedByKernel;
    }

    @Override
    public void detached(Dir parent, String name, Node node) {
        if (!nodes.isKnown(parent)) {
            return; // the kernel never looked inside: it has nothing to drop
        }
        if (lockedByKernel.test(parent.ino())) {
            later(parent, name);
        } else {
            now(parent.ino(), name);
        }
    }

    @Override
    public void attributesChanged(Node node) {
        inode(node, -1); // attributes only, no pages
    }

    @Override
    public void contentChanged(File file) {
        inode(file, 0); // attributes and every cached page (length 0: to the end)
    }

    @Override
    public void childrenChanged(Dir dir) {
        inode(dir, 0); // the kernel's cached listing lives in the directory's pages
    }

    private void inode(Node node, long offset) {
        if (nodes.isKnown(node)) { // takes no lock in the kernel: safe from any request
            ByteBuffer msg = message(Wire.NOTIFY_INVAL_INODE, Wire.INVAL_INODE_OUT);
            msg.putLong(Wire.OUT_HEADER + Wire.INVAL_INODE_INO, node.ino());
            msg.putLong(Wire.OUT_HEADER + Wire.INVAL_INODE_OFF, offset);
            msg.putLong(Wire.OUT_HEADER + Wire.INVAL_INODE_LEN, 0);
            session.notify(msg);
        }
    }

    /** Drops {@code parent/name} from the kernel's cache from another thread. */
    void later(Dir parent, String name) {
        long id = parent.ino();
        try {
            deferred.execute(() -> now(id, name));
        } catch (RejectedExecutionException e) {
            // unmounted meanwhile: nothing left to drop
        }
    }

    private void now(long parent, String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer msg = message(Wire.NOTIFY_INVAL_ENTRY, Wire.INVAL_ENTRY_OUT + b.length + 1);
        msg.putLong(Wire.OUT_HEADER + Wire.INVAL_ENTRY_PARENT, parent);
        msg.putInt(Wire.OUT_HEADER + Wire.INVAL_ENTRY_NAMELEN, b.length);
        msg.put(Wire.OUT_HEADER + Wire.INVAL_ENTRY_OUT, b); // then the NUL the buffer starts with
        int rc = session.notify(msg);
        if (log.isDebugEnabled()) {
            log.debug("invalidate {} {} -> {}", parent, name, rc);
        }
    }

    // A notice: fuse_out_header with unique 0 and the notice's code as error, then its struct.
    private static ByteBuffer message(int code, int payload) {
        ByteBuffer msg = ByteBuffer.allocateDirect(Wire.OUT_HEADER + payload).order(Wire.ORDER);
        msg.putInt(Wire.OUT_LEN, msg.capacity());
        msg.putInt(Wire.OUT_ERROR, code);
        msg.putLong(Wire.OUT_UNIQUE, 0);
        return msg;
    }

    /** Stops the thread for deferred notices. */
    void close() {
        deferred.shutdown();
    }
}
