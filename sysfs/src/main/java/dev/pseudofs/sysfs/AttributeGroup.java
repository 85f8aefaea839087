package dev.pseudofs.sysfs;

import java.util.List;

/**
 * Describes a set of attributes created and removed together ({@code struct attribute_group}).
 *
 * <p>An unnamed group puts its files straight into the kobject's directory; a named group
 * puts them into a subdirectory of that name, mode 0755 (S24). Files created through a group
 * get the attribute's mode masked to 0664 (S5). {@link IsVisible} may choose another mode per
 * attribute and kobject, or 0 to leave the file out (S25); {@link Kobject#updateGroup}
 * evaluates it again.
 *
 * @param name the subdirectory name, or {@code null} for an unnamed group
 * @param attrs the text attributes
 * @param binAttrs the binary attributes
 * @param isVisible the mode of each text attribute, or {@code null} to use the attribute's own
 * @param isBinVisible the mode of each binary attribute, or {@code null} to use its own
 */
public record AttributeGroup(String name, List<Attribute> attrs, List<BinAttribute> binAttrs,
                             IsVisible isVisible, IsBinVisible isBinVisible) {
    /**
     * Is the bit an {@link IsVisible} answer for the first attribute may carry to hide a
     * named group's whole directory (SYSFS_GROUP_INVISIBLE, S25).
     */
    public static final int GROUP_INVISIBLE = 020000;

    /** Chooses the mode of a text attribute for one kobject ({@code is_visible}). */
    @FunctionalInterface
    public interface IsVisible {
        /** Returns the mode to create {@code attr} with, 0 to leave it out. */
        int mode(Kobject kobj, Attribute attr, int index);
    }

    /** Chooses the mode of a binary attribute for one kobject ({@code is_bin_visible}). */
    @FunctionalInterface
    public interface IsBinVisible {
        /** Returns the mode to create {@code attr} with, 0 to leave it out. */
        int mode(Kobject kobj, BinAttribute attr, int index);
    }

    /** Copies the lists. */
    public AttributeGroup {
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
        binAttrs = binAttrs == null ? List.of() : List.copyOf(binAttrs);
        if (name != null && (name.isEmpty() || name.indexOf('/') >= 0)) {
            throw new IllegalArgumentException("bad group name: \"" + name + "\"");
        }
    }

    /** Returns an unnamed group of text attributes (files in the kobject's directory). */
    public static AttributeGroup of(Attribute... attrs) {
        return new AttributeGroup(null, List.of(attrs), List.of(), null, null);
    }

    /** Returns a named group of text attributes (a subdirectory). */
    public static AttributeGroup named(String name, Attribute... attrs) {
        return new AttributeGroup(name, List.of(attrs), List.of(), null, null);
    }

    /** Returns a copy that also holds these binary attributes. */
    public AttributeGroup withBinAttrs(BinAttribute... bins) {
        return new AttributeGroup(name, attrs, List.of(bins), isVisible, isBinVisible);
    }

    /** Returns a copy whose text attributes are filtered by {@code visible}. */
    public AttributeGroup withIsVisible(IsVisible visible) {
        return new AttributeGroup(name, attrs, binAttrs, visible, isBinVisible);
    }

    /** Returns a copy whose binary attributes are filtered by {@code visible}. */
    public AttributeGroup withIsBinVisible(IsBinVisible visible) {
        return new AttributeGroup(name, attrs, binAttrs, isVisible, visible);
    }
}
