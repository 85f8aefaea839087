package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kstrtox grammar, one table: the shapes of the kernel's lib/test-kstrtox.c (each function's
 * limits in each base, radix prefixes, signs, the one newline, what fails) with the errno each
 * failure gives (S17, S30). The host kernel agrees on the bool rows (e/E true, checked on a
 * bool module parameter of this machine's 6.18 kernel).
 */
class KstrtoxTest {
    private static final String ULL_MAX = "18446744073709551615";

    // {function, input, base, expected value (Long or Boolean) or the Errno}
    private static final Object[][] TABLE = {
        // kstrtoull: every base, the largest value, radix prefixes, '+', one newline
        {"ull", "0", 10, 0L}, {"ull", "1", 10, 1L}, {"ull", "127", 10, 127L}, {"ull", "128", 10, 128L},
        {"ull", "255", 10, 255L}, {"ull", "256", 10, 256L}, {"ull", "65535", 10, 65535L},
        {"ull", "4294967295", 10, 4294967295L}, {"ull", "4294967296", 10, 4294967296L},
        {"ull", "9223372036854775807", 10, Long.MAX_VALUE}, {"ull", "9223372036854775808", 10, Long.MIN_VALUE},
        {"ull", ULL_MAX, 10, -1L}, {"ull", "0", 8, 0L}, {"ull", "177", 8, 127L},
        {"ull", "1777777777777777777777", 8, -1L}, {"ull", "7f", 16, 127L}, {"ull", "7F", 16, 127L},
        {"ull", "ffffffffffffffff", 16, -1L}, {"ull", "0x7f", 16, 127L}, {"ull", "0X7f", 16, 127L},
        {"ull", "0177", 0, 127L}, {"ull", "0x7f", 0, 127L}, {"ull", "0xffffffffffffffff", 0, -1L},
        {"ull", "127", 0, 127L}, {"ull", "0", 0, 0L}, {"ull", "00", 0, 0L}, {"ull", "+1", 10, 1L},
        {"ull", "1\n", 10, 1L}, {"ull", "0x1f\n", 0, 31L}, {"ull", "1\0junk", 10, 1L},
        {"ull", "000000000000000000000000000000000000000000000000000001", 10, 1L},
        // kstrtoull failures: ERANGE for a value that does not fit, EINVAL for anything else
        {"ull", "18446744073709551616", 10, Errno.ERANGE}, {"ull", "10000000000000000", 16, Errno.ERANGE},
        {"ull", "2000000000000000000000", 8, Errno.ERANGE}, {"ull", "99999999999999999999999", 10, Errno.ERANGE},
        {"ull", "18446744073709551616x", 10, Errno.ERANGE}, // overflow is checked before the junk
        {"ull", "", 10, Errno.EINVAL}, {"ull", "\n", 10, Errno.EINVAL}, {"ull", "+", 10, Errno.EINVAL},
        {"ull", "-", 10, Errno.EINVAL}, {"ull", "-0", 10, Errno.EINVAL}, {"ull", "-1", 10, Errno.EINVAL},
        {"ull", "++1", 10, Errno.EINVAL}, {"ull", " 1", 10, Errno.EINVAL}, {"ull", "1 ", 10, Errno.EINVAL},
        {"ull", "1\n\n", 10, Errno.EINVAL}, {"ull", "1\t", 10, Errno.EINVAL}, {"ull", "\n1", 10, Errno.EINVAL},
        {"ull", "8", 8, Errno.EINVAL}, {"ull", "08", 0, Errno.EINVAL}, {"ull", "a", 10, Errno.EINVAL},
        {"ull", "g", 16, Errno.EINVAL}, {"ull", "0x", 16, Errno.EINVAL}, {"ull", "0x", 0, Errno.EINVAL},
        {"ull", "0xg", 0, Errno.EINVAL}, {"ull", "1.0", 10, Errno.EINVAL}, {"ull", "0x10", 10, Errno.EINVAL},
        // kstrtoll: both ends, '-' only once, "-0"
        {"ll", "-9223372036854775808", 10, Long.MIN_VALUE}, {"ll", "9223372036854775807", 10, Long.MAX_VALUE},
        {"ll", "-1", 10, -1L}, {"ll", "-0", 10, 0L}, {"ll", "+0", 10, 0L}, {"ll", "-0x7f", 0, -127L},
        {"ll", "-0177\n", 0, -127L}, {"ll", "-1", 16, -1L},
        {"ll", "9223372036854775808", 10, Errno.ERANGE}, {"ll", "-9223372036854775809", 10, Errno.ERANGE},
        {"ll", ULL_MAX, 10, Errno.ERANGE}, {"ll", "-" + ULL_MAX, 10, Errno.ERANGE},
        {"ll", "-+1", 10, Errno.EINVAL}, {"ll", "+-1", 10, Errno.EINVAL}, {"ll", "--1", 10, Errno.EINVAL},
        {"ll", "-", 10, Errno.EINVAL}, {"ll", "- 1", 10, Errno.EINVAL},
        // kstrtouint / kstrtoint
        {"uint", "4294967295", 10, 4294967295L}, {"uint", "0xffffffff", 0, 4294967295L},
        {"uint", "4294967296", 10, Errno.ERANGE}, {"uint", "-1", 10, Errno.EINVAL},
        {"int", "2147483647", 10, 2147483647L}, {"int", "-2147483648", 10, -2147483648L},
        {"int", "0x7fffffff\n", 0, 2147483647L}, {"int", "010", 0, 8L}, {"int", "010", 10, 10L},
        {"int", "2147483648", 10, Errno.ERANGE}, {"int", "-2147483649", 10, Errno.ERANGE},
        {"int", "4294967295", 10, Errno.ERANGE},
        // kstrtou16 / kstrtos16 / kstrtou8 / kstrtos8
        {"u16", "65535", 10, 65535L}, {"u16", "0xffff", 16, 65535L}, {"u16", "65536", 10, Errno.ERANGE},
        {"s16", "-32768", 10, -32768L}, {"s16", "32767", 10, 32767L}, {"s16", "32768", 10, Errno.ERANGE},
        {"s16", "-32769", 10, Errno.ERANGE},
        {"u8", "255", 10, 255L}, {"u8", "0377", 0, 255L}, {"u8", "256", 10, Errno.ERANGE}, {"u8", "-0", 10, Errno.EINVAL},
        {"s8", "-128", 10, -128L}, {"s8", "127", 10, 127L}, {"s8", "128", 10, Errno.ERANGE},
        {"s8", "-129", 10, Errno.ERANGE}, {"s8", "0x7f", 0, 127L},
        // kstrtobool: the first character (the first two for on/off), the rest ignored
        {"bool", "y", 0, true}, {"bool", "Y", 0, true}, {"bool", "1", 0, true}, {"bool", "t", 0, true},
        {"bool", "T", 0, true}, {"bool", "e", 0, true}, {"bool", "E", 0, true}, {"bool", "on", 0, true},
        {"bool", "ON", 0, true}, {"bool", "yes please", 0, true}, {"bool", "1\n", 0, true}, {"bool", "10", 0, true},
        {"bool", "n", 0, false}, {"bool", "N", 0, false}, {"bool", "0", 0, false}, {"bool", "f", 0, false},
        {"bool", "F", 0, false}, {"bool", "d", 0, false}, {"bool", "D", 0, false}, {"bool", "off", 0, false},
        {"bool", "oF", 0, false}, {"bool", "no\n", 0, false},
        {"bool", "", 0, Errno.EINVAL}, {"bool", "o", 0, Errno.EINVAL}, {"bool", "ox", 0, Errno.EINVAL},
        {"bool", " y", 0, Errno.EINVAL}, {"bool", "x", 0, Errno.EINVAL}, {"bool", "2", 0, Errno.EINVAL},
        {"bool", "\n", 0, Errno.EINVAL}, {"bool", "\0y", 0, Errno.EINVAL},
    };

    static Stream<Arguments> table() {
        return Arrays.stream(TABLE).map(Arguments::of);
    }

    private static Object parse(String fn, String in, int base) {
        return switch (fn) {
            case "ull" -> Kstrtox.kstrtoull(in, base);
            case "ll" -> Kstrtox.kstrtoll(in, base);
            case "uint" -> Integer.toUnsignedLong(Kstrtox.kstrtouint(in, base));
            case "int" -> (long) Kstrtox.kstrtoint(in, base);
            case "u16" -> (long) Kstrtox.kstrtou16(in, base);
            case "s16" -> (long) Kstrtox.kstrtos16(in, base);
            case "u8" -> (long) Kstrtox.kstrtou8(in, base);
            case "s8" -> (long) Kstrtox.kstrtos8(in, base);
            case "bool" -> Kstrtox.kstrtobool(in);
            default -> throw new IllegalArgumentException(fn);
        };
    }

    @ParameterizedTest(name = "kstrto{0}(\"{1}\", {2}) = {3}")
    @MethodSource("table")
    void parsesAsLibKstrtox(String fn, String in, int base, Object expected) { // S17, S30
        if (expected instanceof Errno errno) {
            assertEquals(errno, assertThrows(FsException.class, () -> parse(fn, in, base)).errno());
        } else {
            assertEquals(expected, parse(fn, in, base));
        }
    }
}
