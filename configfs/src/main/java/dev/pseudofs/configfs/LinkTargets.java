package dev.pseudofs.configfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Node;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves the target text of {@code ln -s} to an item of the same configfs, following links
 * as the kernel's path walk would (configfs_get_target, G10).
 */
final class LinkTargets {
    private static final int MAX_LINKS = 40; // the kernel's MAXSYMLINKS

    private LinkTargets() {}

    /**
     * Returns the item {@code text} names, relative to {@code from} or absolute through a known
     * mount point.
     *
     * @throws FsException ENOENT or ENOTDIR as the path walk finds, EPERM when the target lies
     *     outside this configfs, ELOOP after 40 links
     */
    static ConfigItem resolve(Configfs cfs, Dir from, String text) {
        Node start = from;
        String rest = text;
        if (text.startsWith("/")) {
            rest = null;
            for (Path mp : cfs.mountPoints()) {
                String m = mp.toString();
                if (text.equals(m) || text.startsWith(m + "/")) {
                    rest = text.substring(m.length());
                    break;
                }
            }
            if (rest == null) {
                // Somewhere else: the kernel finds it on another superblock (EPERM) or not at all.
                throw Files.exists(Path.of(text)) ? FsException.notPermitted("outside configfs: " + text)
                        : FsException.notFound(text);
            }
            start = from.tree().root();
        }
        int[] links = {0};
        Node node = walk(cfs, start, rest, links);
        node = follow(cfs, node, links);
        if (!(node instanceof Dir)) {
            throw new FsException(Errno.ENOTDIR, text);
        }
        ConfigItem target = cfs.itemOf(node);
        if (target == null) {
            throw FsException.notFound("not an item: " + text); // the configfs root has none
        }
        return target;
    }

    private static Node walk(Configfs cfs, Node start, String path, int[] links) {
        Node node = start;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            node = follow(cfs, node, links);
            if (!(node instanceof Dir dir)) {
                throw new FsException(Errno.ENOTDIR, path);
            }
            if (part.equals("..")) {
                if (dir.parent() == null) {
                    throw FsException.notPermitted("leaves configfs: " + path);
                }
                node = dir.parent();
                continue;
            }
            node = dir.lookup(part);
            if (node == null) {
                throw FsException.notFound(path);
            }
        }
        return node;
    }

    private static Node follow(Configfs cfs, Node node, int[] links) {
        while (node instanceof Link link) {
            if (++links[0] > MAX_LINKS) {
                throw new FsException(Errno.ELOOP, link.path());
            }
            ConfigItem to = cfs.linkTarget(link);
            if (to == null || to.dir() == null) {
                throw FsException.notFound(link.path());
            }
            node = to.dir();
        }
        return node;
    }
}
