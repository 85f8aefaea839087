package dev.pseudofs.configfs;

import dev.pseudofs.core.FsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Describes what items of one kind look like and do: the kernel's {@code struct
 * config_item_type} with its item operations (release, allow_link, drop_link), group operations
 * (make_item, make_group, drop_item, disconnect_notify), text and binary attributes.
 *
 * <p>Built once with {@link #builder()} and shared by every item of the kind; immutable.
 */
public final class ItemType {
    /** Creates the item for {@code mkdir group/name} (make_item). */
    @FunctionalInterface
    public interface MakeItem {
        /**
         * Returns the new item, or {@code null} for ENOMEM.
         *
         * @throws FsException to make mkdir fail with that errno (G4)
         */
        ConfigItem make(ConfigGroup group, String name);
    }

    /** Creates the group for {@code mkdir group/name} (make_group). */
    @FunctionalInterface
    public interface MakeGroup {
        /**
         * Returns the new group, or {@code null} for ENOMEM.
         *
         * @throws FsException to make mkdir fail with that errno (G4)
         */
        ConfigGroup make(ConfigGroup group, String name);
    }

    /** Is told about a child of a group at rmdir (drop_item, disconnect_notify). */
    @FunctionalInterface
    public interface GroupChild {
        /** Handles {@code item}, a child of {@code group}; cannot fail (G5). */
        void accept(ConfigGroup group, ConfigItem item);
    }

    /** Decides about or is told about a link from one item to another (allow_link, drop_link). */
    @FunctionalInterface
    public interface LinkOp {
        /**
         * Handles a link inside {@code source}'s directory pointing at {@code target}.
         *
         * @throws FsException from allow_link, to refuse {@code ln -s} with that errno (G10)
         */
        void accept(ConfigItem source, ConfigItem target);
    }

    /** Frees an item once it has left the tree (config_item_operations.release). */
    @FunctionalInterface
    public interface Release {
        /** Releases {@code item}. */
        void release(ConfigItem item);
    }

    private final String name;
    private final List<ConfigfsAttribute> attributes;
    private final List<ConfigfsBinAttribute> binAttributes;
    private final MakeItem makeItem;
    private final MakeGroup makeGroup;
    private final GroupChild dropItem;
    private final GroupChild disconnectNotify;
    private final Release release;
    private final LinkOp allowLink;
    private final LinkOp dropLink;

    private ItemType(Builder b) {
        this.name = b.name;
        this.attributes = List.copyOf(b.attributes);
        this.binAttributes = List.copyOf(b.binAttributes);
        this.makeItem = b.makeItem;
        this.makeGroup = b.makeGroup;
        this.dropItem = b.dropItem;
        this.disconnectNotify = b.disconnectNotify;
        this.release = b.release;
        this.allowLink = b.allowLink;
        this.dropLink = b.dropLink;
    }

    /** Returns a builder for a new item type. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the type's name, for logs. */
    public String name() {
        return name;
    }

    /** Returns the text attributes (ct_attrs). */
    public List<ConfigfsAttribute> attributes() {
        return attributes;
    }

    /** Returns the binary attributes (ct_bin_attrs). */
    public List<ConfigfsBinAttribute> binAttributes() {
        return binAttributes;
    }

    /** Returns make_item, or {@code null}. */
    public MakeItem makeItem() {
        return makeItem;
    }

    /** Returns make_group, or {@code null}. */
    public MakeGroup makeGroup() {
        return makeGroup;
    }

    /** Returns drop_item, or {@code null}. */
    public GroupChild dropItem() {
        return dropItem;
    }

    /** Returns disconnect_notify, or {@code null}. */
    public GroupChild disconnectNotify() {
        return disconnectNotify;
    }

    /** Returns release, or {@code null}. */
    public Release release() {
        return release;
    }

    /** Returns allow_link, or {@code null} (then {@code ln -s} fails with EPERM, G10). */
    public LinkOp allowLink() {
        return allowLink;
    }

    /** Returns drop_link, or {@code null}. */
    public LinkOp dropLink() {
        return dropLink;
    }

    /** Returns whether mkdir can create children in groups of this type (G4). */
    public boolean canMake() {
        return makeItem != null || makeGroup != null;
    }

    /** Collects the parts of an {@link ItemType}. */
    public static final class Builder {
        private String name = "item";
        private final List<ConfigfsAttribute> attributes = new ArrayList<>();
        private final List<ConfigfsBinAttribute> binAttributes = new ArrayList<>();
        private MakeItem makeItem;
        private MakeGroup makeGroup;
        private GroupChild dropItem;
        private GroupChild disconnectNotify;
        private Release release;
        private LinkOp allowLink;
        private LinkOp dropLink;

        private Builder() {}

        /** Sets the type's name, for logs. */
        public Builder name(String v) {
            this.name = v;
            return this;
        }

        /** Adds a text attribute. */
        public Builder attribute(ConfigfsAttribute v) {
            attributes.add(v);
            return this;
        }

        /** Adds a binary attribute. */
        public Builder binAttribute(ConfigfsBinAttribute v) {
            binAttributes.add(v);
            return this;
        }

        /** Sets make_item; a type cannot have both make_item and make_group. */
        public Builder makeItem(MakeItem v) {
            this.makeItem = v;
            return this;
        }

        /** Sets make_group; a type cannot have both make_item and make_group. */
        public Builder makeGroup(MakeGroup v) {
            this.makeGroup = v;
            return this;
        }

        /** Sets drop_item. */
        public Builder dropItem(GroupChild v) {
            this.dropItem = v;
            return this;
        }

        /** Sets disconnect_notify. */
        public Builder disconnectNotify(GroupChild v) {
            this.disconnectNotify = v;
            return this;
        }

        /** Sets release. */
        public Builder release(Release v) {
            this.release = v;
            return this;
        }

        /** Sets allow_link. */
        public Builder allowLink(LinkOp v) {
            this.allowLink = v;
            return this;
        }

        /** Sets drop_link. */
        public Builder dropLink(LinkOp v) {
            this.dropLink = v;
            return this;
        }

        /** Returns the immutable type; names must be unique among its attributes. */
        public ItemType build() {
            if (makeItem != null && makeGroup != null) {
                // configfs_mkdir prefers make_group; one of them is a programmer error here.
                throw new IllegalStateException("type " + name + " has both make_item and make_group");
            }
            Set<String> names = new HashSet<>();
            attributes.forEach(a -> checkUnique(names, a.name()));
            binAttributes.forEach(a -> checkUnique(names, a.name()));
            return new ItemType(this);
        }

        private void checkUnique(Set<String> names, String n) {
            if (!names.add(n)) {
                throw new IllegalStateException("type " + name + " has two attributes named " + n);
            }
        }
    }
}
