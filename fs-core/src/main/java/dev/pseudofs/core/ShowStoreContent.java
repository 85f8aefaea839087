package dev.pseudofs.core;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the per-open state of a show/store file: a page snapshot served by offset.
 *
 * <p>Under {@link Policy.Refresh#KERNFS} this behaves exactly as seq_file with the single
 * record sysfs_kf_seq_show produces (K19, S11): show runs at position 0 and whenever the
 * position is not where the last read ended, and the bytes are served from the snapshot, so
 * {@code dd bs=1} sees one consistent value and a second {@code cat} sees a fresh one.
 */
final class ShowStoreContent implements FileContent {
    private static final Logger log = LoggerFactory.getLogger(ShowStoreContent.class);
    // The page of the last closed open, for the next open's show: an open+read+close then
    // allocates no page (4 KiB, most of what it allocated). Bytes a page held before are never
    // seen again: a show starts at length 0, and nothing reads a PageBuffer past its length.
    private static final AtomicReference<PageBuffer> SPARE = new AtomicReference<>();

    private final Show show;   // immutable; may be null
    private final Store store; // immutable; may be null
    private PageBuffer page;   // the snapshot; guarded by the open file's lock
    private boolean valid;     // whether page holds a show result for this open
    private long readPos;      // where the last read ended

    ShowStoreContent(Show show, Store store) {
        this.show = show;
        this.store = store;
    }

    @Override
    public int read(OpenFile of, ByteBuffer dst, long pos) {
        if (show == null) {
            throw FsException.invalid("no show method"); // K21
        }
        boolean refresh = switch (of.file().policy().refresh()) {
            case KERNFS -> !valid || pos == 0 || pos != readPos;
            case ONCE -> !valid;
            case EVERY_READ -> true;
        };
        if (refresh) {
            fill(of);
        }
        int n = 0;
        if (pos < page.length()) {
            n = (int) Math.min(dst.remaining(), page.length() - pos);
            dst.put(page.array(), (int) pos, n);
        }
        readPos = pos + n;
        return n;
    }

    private void fill(OpenFile of) {
        if (page == null || page.capacity() != of.pageSize()) {
            PageBuffer spare = SPARE.getAndSet(null);
            page = spare != null && spare.capacity() == of.pageSize() ? spare : new PageBuffer(of.pageSize());
        }
        page.reset();
        valid = false;
        readPos = 0;
        of.markSeen(); // K31: the event is recorded when show runs
        show.show(page);
        Policy policy = of.file().policy();
        if (policy.showOverflow() == Policy.ShowOverflow.EIO) {
            if (page.overflowed()) {
                throw FsException.io("show output larger than a page: " + of.file().path());
            }
        } else if (page.length() >= page.capacity()) {
            // sysfs_kf_seq_show: "fill_read_buffer: ... returned bad count", then struggle along.
            log.warn("fill_read_buffer: show of {} returned bad count", of.file().path());
            page.truncate(page.capacity() - 1);
        }
        valid = true;
    }

    @Override
    public void release(OpenFile of) {
        PageBuffer p = page;
        page = null; // a read after the release shows into a page of its own
        valid = false;
        if (p != null) {
            SPARE.lazySet(p); // replaces any other spare
        }
    }

    @Override
    public int write(OpenFile of, ByteBuffer src, long pos) {
        int n = deliver(of, store, src, pos);
        if (n > 0) {
            valid = false; // the next read shows the new value (gVisor, configfs G7)
        }
        return n;
    }

    /**
     * Hands one write(2) to {@code store} after the policy's limit (K25, T5): one write, one
     * store call, with the store's count passed through (S16).
     */
    static int deliver(OpenFile of, Store store, ByteBuffer src, long pos) {
        if (store == null) {
            throw FsException.invalid("no store method"); // K27
        }
        int count = src.remaining();
        int page = of.pageSize();
        int limit = switch (of.file().policy().writeLimit()) {
            case PAGE -> Math.min(count, page);
            case PAGE_MINUS_ONE -> Math.min(count, page - 1);
            case PAGE_ATOMIC -> {
                if (count > page) {
                    throw new FsException(Errno.E2BIG, "write larger than atomic_write_len");
                }
                yield count;
            }
            case NONE -> count;
        };
        byte[] data;
        int offset;
        if (src.hasArray()) {
            data = src.array();
            offset = src.arrayOffset() + src.position();
        } else {
            data = new byte[limit];
            offset = 0;
            src.duplicate().get(data, 0, limit);
        }
        int n = store.store(new StoreBuffer(data, offset, limit, pos));
        return Math.max(0, Math.min(n, limit));
    }
}
