package dev.pseudofs.configfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Is an item that can hold other items: the kernel's {@code struct config_group}.
 *
 * <p>Users create children with mkdir when the group's type has make_item or make_group (G3).
 * Default groups, added with {@link #addDefaultGroup} before the group is attached, appear
 * with it, cannot be removed on their own and go when it goes (G5).
 */
public class ConfigGroup extends ConfigItem {
    private final List<ConfigGroup> defaultGroups = new ArrayList<>(); // frozen once attached
    // guarded by Configfs.mutex: the children users created with mkdir, by directory name
    private final Map<String, ConfigItem> children = new LinkedHashMap<>();

    /** Creates a group called {@code name} of type {@code type} (config_group_init_type_name). */
    public ConfigGroup(String name, ItemType type) {
        super(name, type);
    }

    /**
     * Adds {@code group} as a default group, which appears whenever this group does
     * (configfs_add_default_group); only before this group is attached.
     */
    public final synchronized void addDefaultGroup(ConfigGroup group) {
        if (isAttached()) {
            throw new IllegalStateException("add default groups before " + name() + " is attached");
        }
        defaultGroups.add(group);
    }

    /** Returns the default groups, in the order they were added. */
    public final synchronized List<ConfigGroup> defaultGroups() {
        return List.copyOf(defaultGroups);
    }

    Map<String, ConfigItem> children() {
        return children;
    }
}
