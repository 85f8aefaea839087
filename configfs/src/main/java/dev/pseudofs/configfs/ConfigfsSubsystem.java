package dev.pseudofs.configfs;

import java.util.Objects;

/**
 * Is one top-level directory of configfs, owned by one kernel subsystem: the kernel's {@code
 * struct configfs_subsystem}, registered with {@link Configfs#registerSubsystem}.
 *
 * <p>Its group is the directory users mkdir in (when the group's type allows it); the directory
 * itself cannot be removed by users (G5).
 */
public final class ConfigfsSubsystem {
    private final ConfigGroup group; // immutable (su_group)

    /** Creates a subsystem whose top-level directory is {@code group}. */
    public ConfigfsSubsystem(ConfigGroup group) {
        this.group = Objects.requireNonNull(group, "group");
    }

    /** Returns the subsystem's group (su_group). */
    public ConfigGroup group() {
        return group;
    }

    /** Returns the name of the top-level directory. */
    public String name() {
        return group.name();
    }
}
