package dev.pseudofs.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KstrtoTest {
    // S17: the inputs probed on rcu_expedited (kstrtoint base 0), plus radix prefixes.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0\\n|0", "0x0|0", "+0|0", "-0|0", "42|42", "-42|-42", "0x1f|31", "0X1F|31", "010|8",
        "2147483647|2147483647", "-2147483648|-2147483648", "0x7fffffff\\n|2147483647"})
    void kstrtointAcceptsS17(String in, int expected) {
        assertEquals(expected, Kstrto.kstrtoint(in.replace("\\n", "\n"), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 0", "0 ", "0\n\n", "\n", "", "abc", "0x", "0xg", "08", "1a", "++1",
        "-", "+", "0\n1", "1.0"})
    void kstrtointRejectsS17(String in) {
        FsException e = assertThrows(FsException.class, () -> Kstrto.kstrtoint(in, 0));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "-2147483649", "99999999999999999999", "0x100000000"})
    void kstrtointOverflowIsErange(String in) {
        assertEquals(Errno.ERANGE, assertThrows(FsException.class, () -> Kstrto.kstrtoint(in, 0)).errno());
    }

    @ParameterizedTest
    @CsvSource({"4294967295,-1", "0,0", "+7,7"})
    void kstrtouintIsUnsigned(String in, int bits) {
        assertEquals(bits, Kstrto.kstrtouint(in, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "-1"})
    void unsignedParsersRejectMinus(String in) {
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> Kstrto.kstrtouint(in, 0)).errno());
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> Kstrto.kstrtoull(in, 0)).errno());
    }

    @ParameterizedTest
    @CsvSource({"18446744073709551615,-1", "0xffffffffffffffff,-1"})
    void kstrtoullTakesAll64Bits(String in, long bits) {
        assertEquals(bits, Kstrto.kstrtoull(in, 0));
        assertEquals(Errno.ERANGE, assertThrows(FsException.class, () -> Kstrto.kstrtoll(in, 0)).errno());
    }

    @ParameterizedTest
    @CsvSource({"-9223372036854775808,-9223372036854775808", "9223372036854775807,9223372036854775807"})
    void kstrtollLimits(String in, long v) {
        assertEquals(v, Kstrto.kstrtoll(in, 0));
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808", "-9223372036854775809", "18446744073709551616"})
    void kstrtollOverflow(String in) {
        assertEquals(Errno.ERANGE, assertThrows(FsException.class, () -> Kstrto.kstrtoll(in, 0)).errno());
    }

    @ParameterizedTest
    @CsvSource({"10,10,10", "10,16,16", "0x10,16,16", "10,8,8", "017,10,17"})
    void explicitBases(String in, int base, long expected) {
        assertEquals(expected, Kstrto.kstrtoll(in, base));
    }

    // S30: the strings initcall_debug accepted, and "x" refused.
    @ParameterizedTest
    @CsvSource({"f,false", "F,false", "false,false", "n,false", "nope,false", "off,false", "0,false",
        "y,true", "Y,true", "yes,true", "t,true", "true,true", "1,true", "on,true", "ON,true",
        "0x,false"})
    void kstrtoboolS30(String in, boolean expected) {
        assertEquals(expected, Kstrto.kstrtobool(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "", "o", "oops", " 1", "\n", "2"})
    void kstrtoboolRejectsS30(String in) {
        assertEquals(Errno.EINVAL, assertThrows(FsException.class, () -> Kstrto.kstrtobool(in)).errno());
    }
}
