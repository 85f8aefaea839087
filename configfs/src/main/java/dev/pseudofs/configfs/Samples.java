package dev.pseudofs.configfs;

import dev.pseudofs.core.Kstrtox;
import dev.pseudofs.core.StoreBuffer;
import java.util.List;

/**
 * Re-creates the kernel's three configfs samples (samples/configfs/configfs_sample.c) against
 * this API: {@code 01-childless}, {@code 02-simple-children} and {@code 03-group-children}.
 */
public final class Samples {
    private Samples() {}

    /** The childless sample's object: a counter shown by showme and a stored int. */
    public static final class Childless extends ConfigGroup {
        private int showme;  // guarded by this
        private int storeme; // guarded by this

        Childless(String name, ItemType type) {
            super(name, type);
        }

        /** Returns the value storeme holds. */
        public synchronized int storeme() {
            return storeme;
        }
    }

    /** The simple child: an item with one stored int. */
    public static final class SimpleChild extends ConfigItem {
        private volatile int storeme;

        SimpleChild(String name, ItemType type) {
            super(name, type);
        }

        /** Returns the value storeme holds. */
        public int storeme() {
            return storeme;
        }
    }

    /** Registers the three samples in {@code cfs} and returns their subsystems. */
    public static List<ConfigfsSubsystem> install(Configfs cfs) {
        List<ConfigfsSubsystem> all = List.of(childless(), simpleChildren(), groupChildren());
        all.forEach(cfs::registerSubsystem);
        return all;
    }

    /** Returns {@code 01-childless}: one group without children and three attributes. */
    public static ConfigfsSubsystem childless() {
        ItemType type = ItemType.builder().name("childless_type")
                .attribute(ConfigfsAttribute.ro("showme", (item, page) -> {
                    Childless c = (Childless) item;
                    synchronized (c) {
                        page.emit("%d\n", c.showme++); // every read shows, then counts up
                    }
                }))
                .attribute(ConfigfsAttribute.rw("storeme",
                        (item, page) -> page.emit("%d\n", ((Childless) item).storeme()),
                        (item, in) -> {
                            Childless c = (Childless) item;
                            int v = Kstrtox.kstrtoint(in.text(), 10); // EINVAL/ERANGE keep the old value
                            synchronized (c) {
                                c.storeme = v;
                            }
                            return in.count();
                        }))
                .attribute(description(
                        "[01-childless]\n\n"
                        + "The simplest configfs subsystem: a single group that accepts no\n"
                        + "children and only offers attributes, much like a /proc directory.\n"))
                .build();
        return new ConfigfsSubsystem(new Childless("01-childless", type));
    }

    /** Returns {@code 02-simple-children}: a group whose mkdir creates simple children. */
    public static ConfigfsSubsystem simpleChildren() {
        return new ConfigfsSubsystem(new ConfigGroup("02-simple-children", simpleChildrenType()));
    }

    /** Returns {@code 03-group-children}: a group whose mkdir creates simple-children groups. */
    public static ConfigfsSubsystem groupChildren() {
        ItemType simpleChildren = simpleChildrenType();
        ItemType type = ItemType.builder().name("group_children_type")
                .makeGroup((group, name) -> new ConfigGroup(name, simpleChildren))
                .attribute(description(
                        "[03-group-children]\n\n"
                        + "This subsystem lets mkdir create groups; each new group behaves like\n"
                        + "02-simple-children and lets mkdir create simple children in turn.\n"))
                .build();
        return new ConfigfsSubsystem(new ConfigGroup("03-group-children", type));
    }

    private static ItemType simpleChildrenType() {
        ItemType child = ItemType.builder().name("simple_child_type")
                .attribute(ConfigfsAttribute.rw("storeme",
                        (item, page) -> page.emit("%d\n", ((SimpleChild) item).storeme()),
                        (item, in) -> storeChild((SimpleChild) item, in)))
                .build();
        return ItemType.builder().name("simple_children_type")
                .makeItem((group, name) -> new SimpleChild(name, child))
                .attribute(description(
                        "[02-simple-children]\n\n"
                        + "mkdir in this group creates simple children: items with a single\n"
                        + "readable and writable attribute, storeme. rmdir removes them.\n"))
                .build();
    }

    private static int storeChild(SimpleChild c, StoreBuffer in) {
        c.storeme = Kstrtox.kstrtoint(in.text(), 10);
        return in.count();
    }

    private static ConfigfsAttribute description(String text) {
        return ConfigfsAttribute.ro("description", (item, page) -> page.append(text));
    }
}
