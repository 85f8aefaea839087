package dev.pseudofs.procfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drives the stock handlers directly, as write(2)/read(2) of /proc/sys would (C9-C19). */
class SysctlHandlersTest {
    private static byte[] bytes(String s) {
        return s.translateEscapes().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String write(Sysctl t, String input, long pos) {
        byte[] b = bytes(input);
        try {
            return Integer.toString(t.handler().write(t, b, b.length, pos));
        } catch (FsException e) {
            return e.errno().name();
        }
    }

    private static String read(Sysctl t, long pos, int count) {
        return new String(t.handler().read(t, pos, count), StandardCharsets.ISO_8859_1);
    }

    // C12, C13, C15: one int (swappiness-like, 0..200); input, write result, value afterwards.
    @ParameterizedTest(name = "swappiness <- \"{0}\" -> {1}, value {2}")
    @CsvSource(delimiter = '|', value = {
        "60\\n|3|60", "0x3c|4|60", "074|3|60", "060|3|48", "+60|EINVAL|30", "abc|EINVAL|30",
        "60abc|EINVAL|30", "'60,'|EINVAL|30", "60\\0|EINVAL|30", "12345678901234567890|EINVAL|30",
        "201|EINVAL|30", "-1|EINVAL|30", "'60 61'|3|60", "'60 61\\n'|3|60", "'   '|EINVAL|30",
        "\\n|EINVAL|30", "'  \\t 7\\n'|6|7", "0x|EINVAL|30", "08|EINVAL|30", "-|EINVAL|30",
        "200|3|200", "'\\13\\f\\r5'|4|5"})
    void dointvecMinmaxGrammar(String input, String result, int value) { // C12, C13, C15
        int[] data = {30};
        Sysctl t = Sysctl.intvecMinmax("swappiness", data, 0644, 0, 200);
        assertEquals(result, write(t, input, 0));
        assertEquals(value, data[0]);
    }

    // C13, C14: a vector of four ints (printk-like).
    @ParameterizedTest(name = "printk <- \"{0}\" -> {1}, values {2}")
    @CsvSource(delimiter = '|', value = {
        "'4 4'|3|4 4 1 7", "'4 4 1 7 9'|8|4 4 1 7", "'5 x 7'|EINVAL|5 4 1 7",
        "''|0|7 4 1 7", "'-2147483648 2147483647'|22|-2147483648 2147483647 1 7",
        "'1 2147483648'|EINVAL|1 4 1 7", "'1\\t2\\n3\\n'|6|1 2 3 7", "'-0'|2|0 4 1 7"})
    void dointvecVectors(String input, String result, String values) { // C13, C14, C15
        int[] data = {7, 4, 1, 7};
        Sysctl t = Sysctl.intvec("printk", data, 0644);
        assertEquals(result, write(t, input, 0));
        assertEquals(values, String.join(" ", Arrays.stream(data).mapToObj(Integer::toString).toList()));
    }

    @Test
    void readsOnlyAtPositionZeroTabSeparatedWithNewlineIfRoom() { // C9
        Sysctl t = Sysctl.intvec("printk", new int[] {4, 4, 1, -7}, 0644);
        assertEquals("4\t4\t1\t-7\n", read(t, 0, 100));
        assertEquals("4\t4\t1\t-7", read(t, 0, 8));
        assertEquals("4", read(t, 0, 1));
        assertEquals("", read(t, 2, 100));
    }

    @Test
    void writeAtNonZeroPositionIsIgnoredButSucceeds() { // C10, T4
        int[] data = {60};
        Sysctl t = Sysctl.intvec("swappiness", data, 0644);
        assertEquals("2", write(t, "61", 1));
        assertEquals(60, data[0]);
        // printf '60\n' | dd bs=1: "6" at 0, then "0" and "\n" ignored.
        assertEquals("1", write(t, "6", 0));
        assertEquals("1", write(t, "0", 1));
        assertEquals("1", write(t, "\\n", 2));
        assertEquals(6, data[0]);
    }

    @Test
    void onlyTheFirst4095BytesAreExamined() { // C11, T5
        int[] data = {1};
        Sysctl t = Sysctl.intvec("swappiness", data, 0644);
        assertEquals("4095", write(t, "60" + " ".repeat(4093), 0));
        assertEquals("5002", write(t, "61" + " ".repeat(5000), 0));
        assertEquals(61, data[0]);
        assertEquals("4096", write(t, " ".repeat(4094) + "60", 0));
        assertEquals(6, data[0]);
        assertEquals("EINVAL", write(t, " ".repeat(4095) + "60", 0));
        assertEquals(6, data[0]);
    }

    @ParameterizedTest(name = "uint <- \"{0}\" -> {1}, value {2}")
    @CsvSource(delimiter = '|', value = {
        "-1|EINVAL|5", "abc|EINVAL|5", "4294967296|EINVAL|5", "'1 2 3x'|6|1",
        "4294967295|10|4294967295", "'   '|EINVAL|5", "''|0|5"})
    void douintvec(String input, String result, String value) { // C16
        int[] data = {5};
        Sysctl t = Sysctl.uint("tcp_notsent_lowat", data, 0644);
        assertEquals(result, write(t, input, 0));
        assertEquals(value, Integer.toUnsignedString(data[0]));
    }

    @Test
    void douintvecRefusesArrays() { // C16
        Sysctl t = Sysctl.uint("pair", new int[] {1, 2}, 0644);
        assertEquals("EINVAL", write(t, "3", 0));
        assertThrows(FsException.class, () -> read(t, 0, 10));
    }

    @ParameterizedTest(name = "ulong <- \"{0}\" -> {1}, values {2}")
    @CsvSource(delimiter = '|', value = {
        "-1|EINVAL|10 20", "'18446744073709551615 0'|22|18446744073709551615 0",
        "'18446744073709551616'|EINVAL|10 20", "'3 x'|EINVAL|3 20", "'7'|1|7 20"})
    void doulongvecMinmax(String input, String result, String values) { // C17
        long[] data = {10, 20};
        Sysctl t = Sysctl.ulongvecMinmax("shmmax", data, 0644, null, null);
        assertEquals(result, write(t, input, 0));
        assertEquals(values, Long.toUnsignedString(data[0]) + " " + Long.toUnsignedString(data[1]));
    }

    @Test
    void doulongvecMinmaxChecksBounds() { // C17
        long[] data = {10};
        Sysctl t = Sysctl.ulongvecMinmax("x", data, 0644, 5L, 100L);
        assertEquals("EINVAL", write(t, "4", 0));
        assertEquals("EINVAL", write(t, "101", 0));
        assertEquals(10, data[0]);
        assertEquals("10\n", read(t, 0, 50));
    }

    @ParameterizedTest(name = "bool <- \"{0}\" -> {1}, reads {2}")
    @CsvSource(delimiter = '|', value = {"1|1|1\\n", "0|1|0\\n", "42|2|1\\n", "-5|2|1\\n",
        "x|EINVAL|0\\n", "2147483648|EINVAL|0\\n"})
    void dobool(String input, String result, String reads) { // C17
        boolean[] data = {false};
        Sysctl t = Sysctl.bool("flag", data, 0644);
        assertEquals(result, write(t, input, 0));
        assertEquals(reads.translateEscapes(), read(t, 0, 10));
    }

    @Test
    void dostringReadsHonourThePosition() { // C18
        byte[] data = Arrays.copyOf("(none)".getBytes(StandardCharsets.US_ASCII), 65);
        Sysctl t = Sysctl.string("domainname", data, 0644);
        assertEquals("(no", read(t, 0, 3));
        assertEquals("(none)", read(t, 0, 6));
        assertEquals("(none)\n", read(t, 0, 7));
        assertEquals("\n", read(t, 6, 7));
        assertEquals("", read(t, 7, 7));
    }

    @ParameterizedTest(name = "string <- \"{0}\" at {1} -> \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        "abc\\ndef|0|abc", "abc\\0def|0|abc", "\\n|0|''", "'  lead'|0|'  lead'",
        "Z|1|sZ", "Q|10|start", "xy|5|startxy", "''|0|start"})
    void dostringWrites(String input, long pos, String after) { // C19
        byte[] data = Arrays.copyOf("start".getBytes(StandardCharsets.US_ASCII), 65);
        Sysctl t = Sysctl.string("s", data, 0644);
        String expected = input.isEmpty() ? "0" : Integer.toString(bytes(input).length);
        assertEquals(expected, write(t, input, pos));
        assertEquals(after, new String(data, 0, ProcDoString.strlen(data), StandardCharsets.US_ASCII));
    }

    @Test
    void dostringTruncatesAtMaxlenAndAppendsOnOneFd() { // C19
        byte[] data = new byte[65];
        Sysctl t = Sysctl.string("s", data, 0644);
        assertEquals("70", write(t, "x".repeat(70), 0));
        assertEquals(64, ProcDoString.strlen(data));
        Arrays.fill(data, (byte) 0);
        write(t, "ab", 0);
        write(t, "cd", 2);
        assertArrayEquals(bytes("abcd"), Arrays.copyOf(data, ProcDoString.strlen(data)));
    }

    @Test
    void errnoIsEinvalNotErange() { // C12: overflow is EINVAL
        FsException e = assertThrows(FsException.class, () -> {
            byte[] b = bytes("99999999999999999999");
            SysctlHandlers.DOINTVEC.write(Sysctl.intvec("x", new int[1], 0644), b, b.length, 0);
        });
        assertEquals(Errno.EINVAL, e.errno());
    }
}
