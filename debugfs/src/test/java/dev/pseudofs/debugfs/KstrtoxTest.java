package dev.pseudofs.debugfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KstrtoxTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // D9: base 0, one optional trailing newline, '+' accepted by kstrtoull.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "42|42", "42\\n|42", "+7|7", "0x10|16", "0X1f|31", "010|8", "0|0",
        "18446744073709551615|-1", "0xffffffffffffffff|-1", "01777777777777777777777|-1"})
    void kstrtoullAccepts(String in, long want) {
        assertEquals(want, Kstrtox.kstrtoull(b(in.replace("\\n", "\n"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''", "abc", "' 1'", "'1 '", "1\\n\\n", "-1", "0x", "0xg", "08", "1x", "++1", "\\n"})
    void kstrtoullRejectsJunkWithEinval(String in) {
        FsException e = assertThrows(FsException.class,
                () -> Kstrtox.kstrtoull(b(in.replace("\\n", "\n"))));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @ParameterizedTest
    @CsvSource({"18446744073709551616", "99999999999999999999999", "0x10000000000000000"})
    void kstrtoullRejectsOverflowWithErange(String in) {
        FsException e = assertThrows(FsException.class, () -> Kstrtox.kstrtoull(b(in)));
        assertEquals(Errno.ERANGE, e.errno());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-5|-5", "-0x10|-16", "9223372036854775807|9223372036854775807",
        "-9223372036854775808|-9223372036854775808", "+3|3"})
    void kstrtollAcceptsSigned(String in, long want) {
        assertEquals(want, Kstrtox.kstrtoll(b(in)));
    }

    @Test
    void kstrtollRangeAndJunk() {
        assertEquals(Errno.ERANGE, assertThrows(FsException.class,
                () -> Kstrtox.kstrtoll(b("9223372036854775808"))).errno());
        assertEquals(Errno.ERANGE, assertThrows(FsException.class,
                () -> Kstrtox.kstrtoll(b("-9223372036854775809"))).errno());
        assertEquals(Errno.EINVAL, assertThrows(FsException.class,
                () -> Kstrtox.kstrtoll(b("-+1"))).errno());
    }

    @Test
    void stopsAtNulLikeACString() {
        assertEquals(12, Kstrtox.kstrtoull(b("12\0junk")));
    }

    // D10: kstrtobool's words.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "y|true", "Yes|true", "t|true", "T|true", "1|true", "on|true", "ON|true",
        "n|false", "No|false", "f|false", "0|false", "off|false", "oF|false"})
    void kstrtoboolWords(String in, boolean want) {
        assertEquals(want, Kstrtox.kstrtobool(b(in)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "o", "ox", "maybe", "2", "' y'"})
    void kstrtoboolRejects(String in) {
        assertEquals(null, Kstrtox.kstrtobool(b(in)));
    }
}
