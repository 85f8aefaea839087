package dev.pseudofs.sysfs;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Kstrtox;
import java.util.Objects;
import java.util.function.Function;

/**
 * Says how a module parameter is parsed and shown ({@code struct kernel_param_ops}, the
 * {@code type} of {@code module_param(name, type, perm)}), with kernel/params.c's formats.
 *
 * <p>The numeric types parse with base 0 (so {@code 0x10} and {@code 010} work) and show in
 * decimal; {@link #BOOL} parses with kstrtobool and shows {@code Y}/{@code N} (S30);
 * {@link #CHARP} and {@link #string} keep the written text verbatim, newline included, as
 * param_set_charp and param_set_copystring do.
 *
 * @param name the type's name in module_param ("bool", "int", ...)
 * @param parse turns written text into a value (param_set_*), throwing FsException on bad input
 * @param format turns a value into the shown text without its newline (param_get_*)
 */
public record ParamType(String name, Function<String, Object> parse, Function<Object, String> format) {
    /** Checks the components. */
    public ParamType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parse, "parse");
        Objects.requireNonNull(format, "format");
    }

    /** Is {@code bool}: kstrtobool in, "Y"/"N" out (param_set_bool, param_get_bool). */
    public static final ParamType BOOL = new ParamType("bool",
            Kstrtox::kstrtobool, v -> (Boolean) v ? "Y" : "N");

    /** Is {@code int}: kstrtoint base 0, shown with "%i". */
    public static final ParamType INT = new ParamType("int",
            s -> Kstrtox.kstrtoint(s, 0), v -> Integer.toString((Integer) v));

    /** Is {@code uint}: kstrtouint base 0, shown with "%u". */
    public static final ParamType UINT = new ParamType("uint",
            s -> Kstrtox.kstrtouint(s, 0), v -> Integer.toUnsignedString((Integer) v));

    /** Is {@code long}: kstrtol base 0, shown with "%li". */
    public static final ParamType LONG = new ParamType("long",
            s -> Kstrtox.kstrtol(s, 0), v -> Long.toString((Long) v));

    /** Is {@code ulong}: kstrtoul base 0, shown with "%lu". */
    public static final ParamType ULONG = new ParamType("ulong",
            s -> Kstrtox.kstrtoul(s, 0), v -> Long.toUnsignedString((Long) v));

    /** The longest value param_set_charp accepts. */
    public static final int CHARP_MAX = 1024;

    /** Is {@code charp}: any text up to 1024 bytes (else ENOSPC), kept verbatim. */
    public static final ParamType CHARP = new ParamType("charp", s -> {
        if (utf8Length(s) > CHARP_MAX) {
            throw new FsException(Errno.ENOSPC, "charp parameter longer than 1024 bytes");
        }
        return s;
    }, v -> (String) v);

    /**
     * Returns {@code string} of a {@code maxlen}-byte buffer (module_param_string,
     * param_set_copystring): ENOSPC when the text and its NUL do not fit.
     */
    public static ParamType string(int maxlen) {
        if (maxlen < 1) {
            throw new IllegalArgumentException("maxlen must be at least 1: " + maxlen);
        }
        return new ParamType("string", s -> {
            if (utf8Length(s) + 1 > maxlen) {
                throw new FsException(Errno.ENOSPC, "string parameter longer than " + (maxlen - 1));
            }
            return s;
        }, v -> (String) v);
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
