package dev.pseudofs.debugfs;

import java.nio.charset.StandardCharsets;

/**
 * Formats a value with the C printf format of a simple attribute ("%llu\n", "0x%08llx\n").
 *
 * <p>The format holds exactly one integer conversion ({@code d i u x X o}) with optional
 * flags ({@code - 0 # + space}), width, precision and length modifier ({@code hh h l ll z j
 * t}); no modifier means an {@code int}, as the C argument would be read. Everything else is
 * literal text, with {@code %%} for a percent sign. The result is cut to 23 bytes, the
 * size of simple_attr's {@code get_buf} less its NUL (scnprintf).
 */
final class AttrFormat {
    /** The bytes simple_attr keeps of a formatted value: sizeof(get_buf) - 1. */
    static final int MAX_TEXT = 23;

    private final String prefix;  // immutable: literal text before the conversion
    private final String suffix;  // immutable: literal text after it
    private final boolean left, zero, alt, plus, space; // immutable flags
    private final int width;      // immutable; 0 = none
    private final int precision;  // immutable; -1 = none
    private final int bits;       // immutable: 8, 16, 32 or 64 from the length modifier
    private final char conv;      // immutable: d, u, x, X or o

    private AttrFormat(String prefix, String suffix, String flags, int width, int precision,
                       int bits, char conv) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.left = flags.indexOf('-') >= 0;
        this.zero = flags.indexOf('0') >= 0;
        this.alt = flags.indexOf('#') >= 0;
        this.plus = flags.indexOf('+') >= 0;
        this.space = flags.indexOf(' ') >= 0;
        this.width = width;
        this.precision = precision;
        this.bits = bits;
        this.conv = conv;
    }

    /** Parses {@code fmt}; a format without exactly one integer conversion is a programmer error. */
    static AttrFormat parse(String fmt) {
        StringBuilder literal = new StringBuilder();
        String prefix = null;
        String flags = "";
        int width = 0;
        int precision = -1;
        int bits = 32;
        char conv = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i < fmt.length() && fmt.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            if (prefix != null) {
                throw new IllegalArgumentException("more than one conversion: " + fmt);
            }
            prefix = literal.toString();
            literal.setLength(0);
            int f = i;
            while (i < fmt.length() && "-0#+ ".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            flags = fmt.substring(f, i);
            int w = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            width = w == i ? 0 : Integer.parseInt(fmt.substring(w, i));
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                int p = ++i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                precision = p == i ? 0 : Integer.parseInt(fmt.substring(p, i));
            }
            int m = i;
            while (i < fmt.length() && "hlzjt".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            bits = switch (fmt.substring(m, i)) {
                case "" -> 32;
                case "hh" -> 8;
                case "h" -> 16;
                case "l", "ll", "z", "j", "t" -> 64;
                default -> throw new IllegalArgumentException("bad length modifier: " + fmt);
            };
            if (i == fmt.length() || "diuxXo".indexOf(fmt.charAt(i)) < 0) {
                throw new IllegalArgumentException("not an integer conversion: " + fmt);
            }
            conv = fmt.charAt(i++);
            if (conv == 'i') {
                conv = 'd';
            }
        }
        if (prefix == null) {
            throw new IllegalArgumentException("no conversion in format: " + fmt);
        }
        return new AttrFormat(prefix, literal.toString(), flags, width, precision, bits, conv);
    }

    /** Returns the text for {@code value}, at most {@link #MAX_TEXT} bytes. */
    byte[] format(long value) {
        long v = narrow(value);
        String digits = switch (conv) {
            case 'd' -> Long.toString(Math.abs(v)).replace("-", ""); // Long.MIN_VALUE keeps its digits
            case 'u' -> Long.toUnsignedString(v);
            case 'x' -> Long.toHexString(v);
            case 'X' -> Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
            default -> Long.toOctalString(v);
        };
        if (precision == 0 && v == 0) {
            digits = ""; // C: "%.0d" of 0 prints no digits
        }
        while (digits.length() < precision) {
            digits = "0" + digits;
        }
        String sign = "";
        if (conv == 'd') {
            sign = v < 0 ? "-" : plus ? "+" : space ? " " : "";
        } else if (alt && (conv == 'x' || conv == 'X') && v != 0) {
            sign = conv == 'x' ? "0x" : "0X";
        } else if (alt && conv == 'o' && !digits.startsWith("0")) {
            digits = "0" + digits;
        }
        StringBuilder body = new StringBuilder();
        int pad = width - sign.length() - digits.length();
        if (pad > 0 && !left && zero && precision < 0) {
            body.append(sign).append("0".repeat(pad)).append(digits);
        } else if (pad > 0 && !left) {
            body.append(" ".repeat(pad)).append(sign).append(digits);
        } else {
            body.append(sign).append(digits);
            if (pad > 0) {
                body.append(" ".repeat(pad));
            }
        }
        byte[] all = (prefix + body + suffix).getBytes(StandardCharsets.UTF_8);
        return all.length <= MAX_TEXT ? all : java.util.Arrays.copyOf(all, MAX_TEXT);
    }

    // Reads the value as the C argument of the conversion's size would be read.
    private long narrow(long v) {
        boolean signed = conv == 'd';
        return switch (bits) {
            case 8 -> signed ? (byte) v : v & 0xffL;
            case 16 -> signed ? (short) v : v & 0xffffL;
            case 32 -> signed ? (int) v : v & 0xffff_ffffL;
            default -> v;
        };
    }
}
