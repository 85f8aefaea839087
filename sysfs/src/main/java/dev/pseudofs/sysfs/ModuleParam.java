package dev.pseudofs.sysfs;

import java.util.Objects;

/**
 * Is one module parameter ({@code struct kernel_param}): a typed value that
 * {@code /sys/module/<module>/parameters/<name>} shows and, when the mode allows, sets.
 *
 * <p>The program reads the value with the typed getters; a write from user space or a call
 * to {@link #set(String)} parses through the {@link ParamType}, and a rejected value keeps
 * the old one.
 */
public final class ModuleParam {
    private final String name;     // immutable
    private final ParamType type;  // immutable
    private final int perm;        // immutable
    private volatile Object value; // replaced whole, never mutated

    ModuleParam(String name, ParamType type, int perm, String initial) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.perm = Attribute.verifyOctalPermissions(perm); // module_param checks it too
        this.value = type.parse().apply(Objects.requireNonNull(initial, "initial"));
    }

    /** Sets the value from text, as a write or the kernel command line would (param_set_*). */
    public void set(String text) {
        value = type.parse().apply(text);
    }

    /** Returns the text a read shows, newline included (param_get_*). */
    public String show() {
        return type.format().apply(value) + "\n";
    }

    /** Returns the parameter's name. */
    public String name() {
        return name;
    }

    /** Returns the type. */
    public ParamType type() {
        return type;
    }

    /** Returns the sysfs permission (0: no file). */
    public int perm() {
        return perm;
    }

    /** Returns the value of a {@code bool} parameter. */
    public boolean boolValue() {
        return (Boolean) value;
    }

    /** Returns the value of an {@code int} or {@code uint} parameter (uint as unsigned bits). */
    public int intValue() {
        return (Integer) value;
    }

    /** Returns the value of a {@code long} or {@code ulong} parameter (ulong as unsigned bits). */
    public long longValue() {
        return (Long) value;
    }

    /** Returns the value of a {@code charp} or {@code string} parameter, verbatim. */
    public String stringValue() {
        return (String) value;
    }
}
