package dev.pseudofs.sysfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Kstrtox;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds attributes for the common value shapes, with the kernel's text formats and
 * kstrto*() parsing (S17): one decimal number, a 0/1 boolean, a line of text, or a choice shown
 * as {@code always [madvise] never} like transparent_hugepage/enabled.
 *
 * <p>A {@code null} setter makes the attribute read-only in behaviour (no store); the mode is
 * still the one given. A rejected write throws before the setter runs, so the old value stays.
 */
public final class TypedAttribute {
    private TypedAttribute() {}

    /** Returns an int attribute: "%d\n" out, kstrtoint base 0 in. */
    public static Attribute ofInt(String name, int mode, IntSupplier get, IntConsumer set) {
        return Attribute.of(name, mode,
                buf -> buf.append(get.getAsInt() + "\n"),
                set == null ? null : in -> {
                    set.accept(Kstrtox.kstrtoint(in.text(), 0));
                    return in.count();
                });
    }

    /** Returns a long attribute: "%ld\n" out, kstrtol base 0 in. */
    public static Attribute ofLong(String name, int mode, LongSupplier get, LongConsumer set) {
        return Attribute.of(name, mode,
                buf -> buf.append(get.getAsLong() + "\n"),
                set == null ? null : in -> {
                    set.accept(Kstrtox.kstrtol(in.text(), 0));
                    return in.count();
                });
    }

    /** Returns a boolean attribute: "1\n"/"0\n" out, kstrtobool in (S30). */
    public static Attribute ofBool(String name, int mode, BooleanSupplier get, Consumer<Boolean> set) {
        return Attribute.of(name, mode,
                buf -> buf.append(get.getAsBoolean() ? "1\n" : "0\n"),
                set == null ? null : in -> {
                    set.accept(Kstrtox.kstrtobool(in.text()));
                    return in.count();
                });
    }

    /** Returns a string attribute: the text and "\n" out; in, the text without one trailing newline. */
    public static Attribute ofString(String name, int mode, Supplier<String> get, Consumer<String> set) {
        return Attribute.of(name, mode,
                buf -> buf.append(get.get() + "\n"),
                set == null ? null : in -> {
                    set.accept(Sysfs.chomp(in.text()));
                    return in.count();
                });
    }

    /**
     * Returns a choice attribute: every choice separated by a space, the selected one in
     * brackets, then "\n"; a write must name a choice (sysfs_streq), else EINVAL.
     */
    public static Attribute ofChoice(String name, int mode, List<String> choices,
                                     Supplier<String> get, Consumer<String> set) {
        List<String> all = List.copyOf(choices);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a choice attribute needs choices");
        }
        return Attribute.of(name, mode,
                buf -> {
                    String selected = get.get();
                    StringBuilder sb = new StringBuilder();
                    for (String c : all) {
                        if (sb.length() > 0) {
                            sb.append(' ');
                        }
                        sb.append(c.equals(selected) ? "[" + c + "]" : c);
                    }
                    buf.append(sb.append('\n'));
                },
                set == null ? null : in -> {
                    String text = in.text();
                    for (String c : all) {
                        if (Sysfs.streq(text, c)) {
                            set.accept(c);
                            return in.count();
                        }
                    }
                    throw FsException.invalid("not one of " + all + ": " + text);
                });
    }
}
