package dev.pseudofs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Libfs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests the pure rules: entry names (P2), modes (P3) and simple_read_from_buffer (P17). */
class ProcNamesAndBuffersTest {
    @ParameterizedTest(name = "\"{0}\" in /proc: {1}, elsewhere: {2}")
    @CsvSource(delimiter = '|', value = {
        "uptime|true|true", "1234|false|true", "12a|true|true", ".|false|false",
        "..|false|false", "''|false|false", "a.b|true|true"})
    void nameRules(String name, boolean okInRoot, boolean okElsewhere) { // P2
        assertEquals(okInRoot, ProcNames.refusal(name, true) == null);
        assertEquals(okElsewhere, ProcNames.refusal(name, false) == null);
    }

    @ParameterizedTest
    @CsvSource({"0, 0444", "0100000, 0444", "0644, 0644", "0100600, 0600", "0200, 0200"})
    void regularModes(String mode, String expected) { // P3
        assertEquals(Integer.parseInt(expected, 8), Procfs.regularMode(Integer.parseInt(mode, 8)));
    }

    @ParameterizedTest(name = "count {0} at {1} -> \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        "100|0|hello", "2|0|he", "2|3|lo", "10|5|''", "10|9|''", "0|0|''"})
    void simpleReadFromBuffer(int count, long pos, String expected) { // P17
        byte[] page = "hello\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer dst = ByteBuffer.allocate(count);
        int n = Libfs.simpleReadFromBuffer(dst, pos, page, 5);
        assertEquals(expected, new String(dst.array(), 0, n, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @CsvSource({"-1"})
    void simpleReadFromBufferRefusesNegativePositions(long pos) { // P17
        assertThrows(FsException.class,
                () -> Libfs.simpleReadFromBuffer(ByteBuffer.allocate(4), pos, new byte[4], 4));
    }

    @ParameterizedTest(name = "write \"{0}\" at {1} into 4 bytes -> {2}")
    @CsvSource(delimiter = '|', value = {"ab|0|2", "abcdef|1|3", "x|4|0"})
    void simpleWriteToBuffer(String src, long pos, int expected) { // P17
        byte[] to = new byte[4];
        assertEquals(expected, Libfs.simpleWriteToBuffer(to, 4, pos,
                ByteBuffer.wrap(src.getBytes(StandardCharsets.US_ASCII))));
    }

    @ParameterizedTest
    @CsvSource({"'Tgid:\t42', Tgid, 42", "'Name:\tsh', Name, sh"})
    void statusFields(String status, String key, String value) {
        assertEquals(value, HostProcesses.field("X:\t1\n" + status + "\n", key));
        assertNull(ProcNames.refusal("ok", true));
    }
}
