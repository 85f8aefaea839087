package dev.pseudofs.core.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** printk_ratelimited's rule: a burst per interval, and a count of what was held back. */
class RatelimitTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstPassesThenMessagesAreHeldBackAndCounted() {
        Ratelimit r = new Ratelimit(5_000, 3, now::get); // 3 per 5 us of the fake clock
        assertEquals(0, r.allow());
        assertEquals(0, r.allow());
        now.addAndGet(4_999);
        assertEquals(0, r.allow());
        for (int i = 0; i < 5; i++) {
            assertEquals(-1, r.allow());
        }
        now.addAndGet(1); // the next interval
        assertEquals(5, r.allow()); // the first one through says how many were missed
        assertEquals(0, r.allow());
        assertEquals(0, r.allow());
        assertEquals(-1, r.allow());
    }

    @Test
    void anIntervalBeginsAtTheFirstMessageAfterTheLastOneEnded() {
        Ratelimit r = new Ratelimit(100, 1, now::get);
        assertEquals(0, r.allow());
        now.addAndGet(150);
        assertEquals(0, r.allow()); // a new interval from here
        now.addAndGet(99);
        assertEquals(-1, r.allow());
        now.addAndGet(1);
        assertEquals(1, r.allow());
    }
}
