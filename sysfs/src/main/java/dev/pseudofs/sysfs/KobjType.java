package dev.pseudofs.sysfs;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Describes a kind of kobject ({@code struct kobj_type}): the sysfs ops that dispatch its
 * attributes, the attribute groups every kobject of the kind gets when it is added (S4), and
 * the release callback that runs when the last reference goes.
 *
 * @param sysfsOps the attribute dispatcher
 * @param defaultGroups groups created together with the directory (default_groups)
 * @param release called once after the last {@link Kobject#put()}, or {@code null}
 */
public record KobjType(SysfsOps sysfsOps, List<AttributeGroup> defaultGroups,
                       Consumer<Kobject> release) {
    /** Is dynamic_kobj_ktype: kobj_sysfs_ops, no default groups, no release. */
    public static final KobjType DYNAMIC = new KobjType(SysfsOps.KOBJ, List.of(), null);

    /** Copies the group list and checks the ops. */
    public KobjType {
        Objects.requireNonNull(sysfsOps, "sysfsOps");
        defaultGroups = List.copyOf(defaultGroups);
    }

    /** Returns a ktype with kobj_sysfs_ops and these default groups. */
    public static KobjType withGroups(AttributeGroup... groups) {
        return new KobjType(SysfsOps.KOBJ, List.of(groups), null);
    }

    /** Returns a copy whose release callback is {@code release}. */
    public KobjType withRelease(Consumer<Kobject> newRelease) {
        return new KobjType(sysfsOps, defaultGroups, newRelease);
    }
}
