package dev.pseudofs.configfs;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.DirOps;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Node;
import java.util.List;
import java.util.Map;

/**
 * Answers a user's mkdir, rmdir, ln -s and rm inside one item's directory: the kernel's
 * configfs_dir_inode_operations (configfs_mkdir, configfs_rmdir, configfs_symlink,
 * configfs_unlink). Every method runs under the {@link Configfs} mutex and never under the
 * tree lock.
 */
final class ItemDirOps implements DirOps {
    private final Configfs cfs;   // immutable
    private final ConfigItem item; // immutable: the item whose directory this is

    ItemDirOps(Configfs cfs, ConfigItem item) {
        this.cfs = cfs;
        this.item = item;
    }

    /** Creates a child with make_group or make_item (configfs_mkdir, G3, G4). */
    @Override
    public void mkdir(Dir parent, String name, int mode, Caller caller) {
        if (!(item instanceof ConfigGroup group) || !item.type().canMake()) {
            throw FsException.notPermitted("no make_item/make_group in " + parent.path()); // G4
        }
        cfs.mutex.lock();
        try {
            if (!item.isAttached()) {
                throw FsException.notFound("parent is being removed: " + parent.path()); // G4
            }
            if (parent.lookup(name) != null) {
                throw new FsException(Errno.EEXIST, parent.path() + "/" + name);
            }
            ItemType type = item.type();
            ConfigItem made = type.makeGroup() != null
                    ? type.makeGroup().make(group, name) : type.makeItem().make(group, name);
            if (made == null) {
                throw new FsException(Errno.ENOMEM, "make returned nothing for " + name); // G4
            }
            Attacher.attach(cfs, group, parent, made, name, false); // mode ignored: 0755 (G1)
            group.children().put(name, made);
        } finally {
            cfs.mutex.unlock();
        }
    }

    /** Removes a user-created child: checks, disconnect_notify, detach, drop_item (G5). */
    @Override
    public void rmdir(Dir parent, Dir child, Caller caller) {
        if (!(item instanceof ConfigGroup group)) {
            throw FsException.notPermitted("not a group: " + parent.path()); // no user children
        }
        cfs.mutex.lock();
        try {
            ConfigItem victim = cfs.itemOf(child);
            if (victim == null || victim.isDefault() || group.children().get(child.name()) != victim) {
                throw FsException.notPermitted("default group: " + child.path()); // G5
            }
            List<ConfigItem> all = Attacher.subtree(victim);
            for (ConfigItem i : all) {
                if (i.dependents() > 0 || i.linkedBy() > 0) {
                    throw new FsException(Errno.EBUSY, "pinned or linked to: " + i.path()); // G5
                }
            }
            for (ConfigItem i : all) {
                boolean hasChildren = i instanceof ConfigGroup g && !g.children().isEmpty();
                if (hasChildren || !i.links().isEmpty()) {
                    throw new FsException(Errno.ENOTEMPTY, "not empty: " + i.path()); // G5
                }
            }
            ItemType.GroupChild notify = group.type().disconnectNotify();
            if (notify != null) {
                notify.accept(group, victim);
            }
            Attacher.detach(cfs, victim);
            group.children().remove(child.name());
            ItemType.GroupChild drop = group.type().dropItem();
            if (drop != null) {
                drop.accept(group, victim);
            }
            Attacher.release(all);
        } finally {
            cfs.mutex.unlock();
        }
    }

    /** Links this item to another with allow_link's consent (configfs_symlink, G10). */
    @Override
    public void symlink(Dir parent, String name, String target, Caller caller) {
        ItemType.LinkOp allow = item.type().allowLink();
        if (allow == null) {
            throw FsException.notPermitted("no allow_link in " + parent.path()); // G10
        }
        cfs.mutex.lock();
        try {
            if (!item.isAttached()) {
                throw FsException.notFound("being removed: " + parent.path());
            }
            ConfigItem to = LinkTargets.resolve(cfs, parent, target);
            allow.accept(item, to);
            Link link;
            try {
                link = parent.createLink(name, () -> kernelPath(item, to));
            } catch (RuntimeException e) {
                ItemType.LinkOp drop = item.type().dropLink();
                if (drop != null) {
                    drop.accept(item, to);
                }
                throw e;
            }
            item.links().put(name, to);
            to.addLinkedBy(1);
            cfs.linkTargets().put(link, to);
        } finally {
            cfs.mutex.unlock();
        }
    }

    /** Removes a link (configfs_unlink); attribute files cannot be removed (G11). */
    @Override
    public void unlink(Dir parent, Node child, Caller caller) {
        if (!(child instanceof Link)) {
            throw FsException.notPermitted("not a link: " + child.path()); // G11
        }
        cfs.mutex.lock();
        try {
            ConfigItem to = item.links().remove(child.name());
            if (to == null) {
                throw FsException.notFound(child.path());
            }
            dropLink(cfs, item, child, to);
        } finally {
            cfs.mutex.unlock();
        }
    }

    /** Removes every link in {@code source}'s directory, calling drop_link for each. */
    static void unlinkAll(Configfs cfs, ConfigItem source) {
        Dir dir = source.dir();
        for (Map.Entry<String, ConfigItem> e : List.copyOf(source.links().entrySet())) {
            source.links().remove(e.getKey());
            Node link = dir == null ? null : dir.lookup(e.getKey());
            dropLink(cfs, source, link, e.getValue());
        }
    }

    private static void dropLink(Configfs cfs, ConfigItem source, Node link, ConfigItem to) {
        if (link != null) {
            cfs.linkTargets().remove(link);
            link.remove();
        }
        to.addLinkedBy(-1);
        ItemType.LinkOp drop = source.type().dropLink();
        if (drop != null) {
            drop.accept(source, to);
        }
    }

    /**
     * Returns the link text the kernel shows: "../" once per level of {@code source} below the
     * root, then the target's path from the root (configfs_get_target_path, G10).
     */
    static String kernelPath(ConfigItem source, ConfigItem target) {
        String from = source.path();
        String to = target.path();
        if (from == null || to == null) {
            throw FsException.notFound("link to a removed item");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < from.length(); i++) {
            if (from.charAt(i) == '/') {
                sb.append("../");
            }
        }
        return sb.append(to.substring(1)).toString();
    }
}
