package dev.pseudofs.configfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts items into the tree and takes them out: configfs_attach_item/group,
 * populate_attrs, create_default_group and configfs_detach_item/group.
 *
 * <p>Preconditions for every method: the {@link Configfs} mutex is held.
 */
final class Attacher {
    private Attacher() {}

    /**
     * Creates {@code item}'s directory {@code name} in {@code parentDir}, with its attributes
     * and, for a group, its default groups recursively; everything appears at once (G3). Every
     * directory is 0755 whatever mkdir asked for (G1).
     */
    static void attach(Configfs cfs, ConfigGroup parent, Dir parentDir, ConfigItem item, String name,
                       boolean asDefault) {
        if (item.isAttached()) {
            throw new IllegalStateException("item is attached already: " + item);
        }
        List<ConfigItem> added = new ArrayList<>();
        parentDir.tree().atomically(() -> build(cfs, parent, parentDir, item, name, asDefault, added));
    }

    // Preconditions: tree write lock held (Tree.atomically); runs no user code.
    private static void build(Configfs cfs, ConfigGroup parent, Dir parentDir, ConfigItem item,
                              String name, boolean asDefault, List<ConfigItem> added) {
        Dir dir = parentDir.createDir(name, 0755);
        dir.setOps(new ItemDirOps(cfs, item));
        for (ConfigfsAttribute a : item.type().attributes()) {
            ConfigfsAttribute.Show show = a.show();
            ConfigfsAttribute.Store store = a.store();
            FileOps ops = FileOps.showStore(show == null ? null : buf -> show.show(item, buf),
                    store == null ? null : in -> store.store(item, in));
            dir.createFile(a.name(), a.mode(), ops, File.PAGE_SIZE); // st_size 4096 (G2)
        }
        for (ConfigfsBinAttribute b : item.type().binAttributes()) {
            FileOps ops = FileOps.raw(new BinAttributeFile(item, b)).nonSeekable(); // G9
            dir.createFile(b.name(), b.mode(), ops, 0); // st_size 0 (G2)
        }
        item.attached(parent, dir, asDefault);
        cfs.items().put(dir, item);
        added.add(item);
        if (item instanceof ConfigGroup group) {
            for (ConfigGroup dg : group.defaultGroups()) {
                build(cfs, group, dir, dg, dg.name(), true, added);
            }
        }
    }

    /** Returns {@code item} and its default groups, recursively, deepest first. */
    static List<ConfigItem> subtree(ConfigItem item) {
        List<ConfigItem> out = new ArrayList<>();
        collect(item, out);
        return out;
    }

    private static void collect(ConfigItem item, List<ConfigItem> out) {
        if (item instanceof ConfigGroup g) {
            for (ConfigGroup dg : g.defaultGroups()) {
                collect(dg, out);
            }
        }
        out.add(item);
    }

    /** Removes {@code item}'s directory (and its default groups with it) in one step. */
    static void detach(Configfs cfs, ConfigItem item) {
        Dir dir = item.dir();
        List<ConfigItem> all = subtree(item);
        if (dir != null) {
            dir.remove(); // the whole subtree disappears at once; open files answer ENOENT (G8a)
        }
        for (ConfigItem i : all) {
            Dir d = i.dir();
            if (d != null) {
                cfs.items().remove(d, i);
            }
            i.detached();
        }
    }

    /** Calls release on {@code item}'s default groups, then on the item (config_item_put). */
    static void release(List<ConfigItem> all) {
        for (ConfigItem i : all) {
            ItemType.Release r = i.type().release();
            if (r != null) {
                r.release(i);
            }
        }
    }

    /**
     * Takes a whole subsystem out, users' children and links included, calling drop_link,
     * drop_item and release as rm and rmdir would (configfs_unregister_subsystem).
     */
    static void dropAll(Configfs cfs, ConfigItem top) {
        List<ConfigItem> all = subtree(top);
        clear(cfs, top);
        release(all);
    }

    // Empties item's subtree (children first, then links) and detaches it, without release.
    private static void clear(Configfs cfs, ConfigItem item) {
        for (ConfigItem i : subtree(item)) {
            if (i instanceof ConfigGroup g) {
                for (Map.Entry<String, ConfigItem> c : List.copyOf(g.children().entrySet())) {
                    ConfigItem child = c.getValue();
                    List<ConfigItem> all = subtree(child);
                    clear(cfs, child);
                    g.children().remove(c.getKey());
                    ItemType.GroupChild drop = g.type().dropItem();
                    if (drop != null) {
                        drop.accept(g, child);
                    }
                    release(all);
                }
            }
            ItemDirOps.unlinkAll(cfs, i);
        }
        detach(cfs, item);
    }
}
