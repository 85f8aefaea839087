package dev.pseudofs.configfs;

import dev.pseudofs.core.Dir;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Is one configfs object: a directory whose files are the attributes of its {@link ItemType}
 * (the kernel's {@code struct config_item}).
 *
 * <p>Subclass it to hold the object's state, as kernel code embeds a {@code config_item} in its
 * own struct; attribute callbacks receive the item and cast it back (container_of). An item
 * created by make_item is a leaf: mkdir inside it fails with EPERM (G4).
 *
 * <p>The tree bookkeeping below is guarded by the owning {@link Configfs}'s mutex.
 */
public class ConfigItem {
    private final String name; // immutable (config_item_init_type_name)
    private final ItemType type; // immutable
    private ConfigGroup parent;  // guarded by Configfs.mutex; null while detached
    private volatile Dir dir;    // the directory while attached, else null
    private boolean isDefault;   // guarded by Configfs.mutex: a default group of its parent
    private int linkedBy;        // guarded by Configfs.mutex: links pointing at this item
    private int dependents;      // guarded by Configfs.mutex: configfs_depend_item pins
    // guarded by Configfs.mutex: the symlinks in this item's directory, by name
    private final Map<String, ConfigItem> links = new LinkedHashMap<>();

    /** Creates an item called {@code name} of type {@code type} (config_item_init_type_name). */
    public ConfigItem(String name, ItemType type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Returns the item's name (ci_name). */
    public final String name() {
        return name;
    }

    /** Returns the item's type (ci_type). */
    public final ItemType type() {
        return type;
    }

    /** Returns the group this item lives in, or {@code null} for a subsystem or a detached item. */
    public final synchronized ConfigGroup parent() {
        return parent;
    }

    /** Returns whether the item is in a configfs tree (its directory exists). */
    public final boolean isAttached() {
        Dir d = dir;
        return d != null && !d.isRemoved();
    }

    /** Returns the path of the item's directory inside its tree, or {@code null} when detached. */
    public final String path() {
        Dir d = dir;
        return d == null ? null : d.path();
    }

    Dir dir() {
        return dir;
    }

    final synchronized void attached(ConfigGroup newParent, Dir newDir, boolean asDefault) {
        this.parent = newParent;
        this.dir = newDir;
        this.isDefault = asDefault;
    }

    final void detached() {
        this.dir = null;
    }

    boolean isDefault() {
        return isDefault;
    }

    Map<String, ConfigItem> links() {
        return links;
    }

    int linkedBy() {
        return linkedBy;
    }

    void addLinkedBy(int delta) {
        linkedBy += delta;
    }

    int dependents() {
        return dependents;
    }

    void addDependents(int delta) {
        dependents += delta;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ", " + type.name() + ")";
    }
}
