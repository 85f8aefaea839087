package dev.pseudofs.core.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import org.junit.jupiter.api.Test;

/** The share of open handles one user may hold (the mounted behaviour: OpenLimitsIT). */
class OpenLimitsTest {
    private static final int OWN = 1000;

    @Test
    void aUserGetsENFILEAtItsShareAndOpensAgainAfterAClose() {
        OpenLimits l = new OpenLimits(256L * OpenLimits.BYTES_PER_HANDLE * 4 * 3, OWN); // 768 each
        assertEquals(768, l.perUser());
        for (int i = 0; i < 768; i++) {
            l.acquire(65534);
        }
        FsException e = assertThrows(FsException.class, () -> l.acquire(65534));
        assertEquals(Errno.ENFILE, e.errno());
        l.acquire(65533); // another user has its own share
        l.release(65534);
        l.acquire(65534);
        assertThrows(FsException.class, () -> l.acquire(65534));
    }

    @Test
    void rootAndTheServersOwnUserAreNotCounted() {
        OpenLimits l = new OpenLimits(0, OWN);
        assertEquals(256, l.perUser()); // the floor, whatever the heap
        for (int i = 0; i < 1000; i++) {
            l.acquire(0);
            l.acquire(OWN);
        }
        l.release(0); // releases of uncounted users change nothing
        for (int i = 0; i < 256; i++) {
            l.acquire(65534);
        }
        assertThrows(FsException.class, () -> l.acquire(65534));
    }

    @Test
    void releasesBeyondTheAcquiresDoNotGrowTheShare() {
        OpenLimits l = new OpenLimits(0, OWN);
        l.release(65534);
        l.release(65534);
        for (int i = 0; i < 256; i++) {
            l.acquire(65534);
        }
        assertThrows(FsException.class, () -> l.acquire(65534));
    }
}
