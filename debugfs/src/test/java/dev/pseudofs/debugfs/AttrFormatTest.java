package dev.pseudofs.debugfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttrFormatTest {
    private static String f(String fmt, long v) {
        return new String(AttrFormat.parse(fmt).format(v), StandardCharsets.UTF_8);
    }

    // D8: the typed helpers' formats, and the C conversions a DEFINE_DEBUGFS_ATTRIBUTE may use.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%llu|-1|18446744073709551615", "%lld|-1|-1", "0x%02llx|10|0x0a",
        "0x%04llx|48879|0xbeef", "0x%08llx|1|0x00000001", "0x%016llx|3735928559|0x00000000deadbeef",
        "%u|-1|4294967295", "%d|4294967295|-1", "%hhu|300|44", "%5d|42|'   42'",
        "%-5d|42|'42   '", "%05d|-42|-0042", "%+d|5|+5", "%#x|255|0xff", "%#x|0|0",
        "%#o|8|010", "%X|255|FF", "%.3u|7|007", "%i|-3|-3", "100%% %llu|5|100% 5",
        "%lld|-9223372036854775808|-9223372036854775808"})
    void formatsLikePrintf(String fmt, long v, String want) {
        assertEquals(want, f(fmt, v));
    }

    @Test
    void cutsTo23BytesLikeGetBuf() {
        assertEquals("value is 18446744073709", f("value is %llu\n", -1));
    }

    @Test
    void refusesFormatsWithoutOneIntegerConversion() {
        assertThrows(IllegalArgumentException.class, () -> AttrFormat.parse("plain"));
        assertThrows(IllegalArgumentException.class, () -> AttrFormat.parse("%s"));
        assertThrows(IllegalArgumentException.class, () -> AttrFormat.parse("%d %d"));
    }

    @Test
    void integerKindsTruncateToTheirWidth() { // D9: 300 into a u8 becomes 44
        assertEquals(44, IntegerKind.U8.truncate(300));
        assertEquals(0xffff, IntegerKind.X16.truncate(-1));
        assertEquals(-1, IntegerKind.ATOMIC_T.truncate(0xffffffffL));
        assertEquals(0, IntegerKind.ATOMIC_T.truncate(1L << 32));
        assertEquals(-1, IntegerKind.U64.truncate(-1));
    }
}
