package dev.pseudofs.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PSI triggers as kernel/sched/psi.c parses and fires them; the accepted and refused writes
 * are the ones Linux 6.18 answered on this machine to an unprivileged writer.
 */
class PressureTest {
    private static Pressure.Trigger parse(String s, boolean privileged) {
        return Pressure.parse(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)), privileged);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "some 1 2000000\\n|1|2000000",
        "some 1 2000000\\0|1|2000000",
        "full 1 2000000\\n|1|2000000",
        "some 2000000 2000000\\n|2000000|2000000",
        "some  1   2000000 junk\\n|1|2000000",
        "some\\t1\\t2000000\\n|1|2000000",
        "some 1\\n2000000\\n|1|2000000",
        "some 010 2000000\\n|10|2000000",
        "some 1 2000000x\\n|1|2000000",
        "some 4294967297 2000000\\n|1|2000000",
        "some1 2000000\\n|1|2000000",
        "some 1 2000000                    \\n|1|2000000",
        "some 100000 10000000\\n|100000|10000000",
    })
    void acceptedAsTheKernelAccepts(String in, long threshold, long window) {
        Pressure.Trigger t = parse(unescape(in), false);
        assertEquals(threshold, t.threshold);
        assertEquals(window, t.window);
        assertEquals(in.startsWith("full"), t.full);
        assertEquals(2_000_000, t.period); // unprivileged: updated with the averages, every 2 s
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "some 1 2000000",            // no terminator: the last byte is cut, leaving 200000
        "some 150000 1000000\\n",    // not a multiple of 2 s without CAP_SYS_RESOURCE
        "some 1 20000000\\n",        // above 10 s
        "some 4294967296 2000000\\n", // 2^32 wraps to 0
        "some 18446744073709551617 2000000\\n", // past 2^64: no conversion
        "some 1 4294967296\\n",
        "some -1 2000000\\n",
        "some +1 2000000\\n",
        "some 0x10 2000000\\n",
        "' some 1 2000000\\n'",
        "SOME 1 2000000\\n",
        "some 0 2000000\\n",
        "some 2000001 2000000\\n",
        "some 1,2000000\\n",
        "bogus\\n",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    })
    void refusedWithEinvalAsTheKernelRefuses(String in) {
        FsException e = assertThrows(FsException.class, () -> parse(unescape(in), false));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void privilegedWritersHaveAnyWindowUpToTenSeconds() {
        Pressure.Trigger t = parse("some 150000 1000000\n", true);
        assertEquals(100_000, t.period); // window / UPDATES_PER_WINDOW
        assertEquals(1, parse("some 1 1\n", true).window); // no minimum since Linux 6.3
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> parse("some 1 10000001\n", true)).errno());
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> parse("some 0 1\n", true)).errno());
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> parse("", true)).errno());
    }

    @Test
    void firesOnceWhenGrowthInTheWindowReachesTheThreshold() {
        // 100 ms of stall within 1 s, sampled every 100 ms (times and totals in us)
        Pressure.Trigger t = parse("some 100000 1000000\n", true);
        t.start(0, 5_000);
        assertFalse(t.update(100_000, 5_000));   // no new stall
        assertFalse(t.update(200_000, 60_000));  // 55 ms
        assertFalse(t.takeEvent());
        assertTrue(t.update(300_000, 105_000));  // 100 ms: fires
        assertTrue(t.takeEvent());
        assertFalse(t.takeEvent());              // consumed by one poll
        // more stall within the same window: remembered, not signalled until the window passes
        assertFalse(t.update(400_000, 300_000));
        assertFalse(t.update(1_200_000, 300_000));
        assertTrue(t.update(1_300_000, 300_000)); // the pending breach, one window later
        assertTrue(t.takeEvent());
        // quiet again: nothing more
        assertFalse(t.update(2_500_000, 300_000));
        assertFalse(t.update(3_700_000, 300_000));
        assertFalse(t.takeEvent());
    }

    @Test
    void theTotalIsReadFromTheSomeOrFullLine() {
        byte[] f = ("some avg10=1.00 avg60=0.50 avg300=0.10 total=123456\n"
                + "full avg10=0.00 avg60=0.00 avg300=0.00 total=789\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(123456, Pressure.total(f, false));
        assertEquals(789, Pressure.total(f, true));
        assertEquals(-1, Pressure.total("some avg10=0.00\n".getBytes(StandardCharsets.US_ASCII), true));
        assertEquals(-1, Pressure.total(null, false));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\0", "\0");
    }
}
