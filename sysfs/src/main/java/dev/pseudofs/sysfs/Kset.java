package dev.pseudofs.sysfs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Is a kobject that groups kobjects of one kind ({@code struct kset}), such as
 * {@code /sys/class/net} or {@code /sys/module}: members added without a parent land in its
 * directory, and the kset keeps the list of its members.
 */
public class Kset extends Kobject {
    private final List<Kobject> members = new CopyOnWriteArrayList<>();

    /** Creates an unadded kset. */
    protected Kset(String name, KobjType ktype) {
        super(name, ktype);
    }

    // A top-level kset made by Sysfs.
    Kset(String name, dev.pseudofs.core.Dir dir) {
        super(name, KobjType.DYNAMIC, dir);
    }

    /** Creates a kset and adds it under {@code parent} (kset_create_and_add). */
    public static Kset createAndAdd(String name, Kobject parent) {
        Kset k = new Kset(name, KobjType.DYNAMIC);
        k.add(parent);
        return k;
    }

    /** Creates a kobject of {@code ktype} in this kset and adds it (kobject_init_and_add with kset set). */
    public Kobject createMember(String name, KobjType ktype) {
        Kobject k = Kobject.create(name, ktype);
        k.setKset(this);
        k.add(null);
        return k;
    }

    /** Returns a snapshot of the members, in the order they joined (kset->list). */
    public List<Kobject> members() {
        return List.copyOf(members);
    }

    /** Returns the member called {@code name}, or {@code null} (kset_find_obj). */
    public Kobject find(String name) {
        for (Kobject k : members) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    void join(Kobject k) {
        members.add(k);
    }

    void leave(Kobject k) {
        members.remove(k);
    }
}
