package dev.pseudofs.configfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.Context;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Tree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drives a configfs tree as the kernel would, without a mount; each step names its command. */
class ConfigfsTest {
    private final Fixture fx = new Fixture();
    private final Tree tree = fx.cfs.tree();
    private final Context root = Context.KERNEL;

    private Errno errno(Runnable r) {
        return assertThrows(FsException.class, r::run).errno();
    }

    // The kernel's namespace calls on the node of a path's directory and its last name.
    private Dir parent(String path) {
        int slash = path.lastIndexOf('/');
        return tree.resolveDir(slash <= 0 ? "/" : path.substring(0, slash));
    }

    private static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void mkdir(String path, int mode) {
        tree.mkdir(root, parent(path), base(path), mode);
    }

    private void rmdir(String path) {
        tree.rmdir(root, tree.resolve(path));
    }

    private void unlink(String path) {
        tree.unlink(root, tree.resolve(path));
    }

    private void symlink(String target, String path) {
        tree.symlink(root, target, parent(path), base(path));
    }

    private void create(String path) {
        tree.create(root, parent(path), base(path));
    }

    private void rename(String from, String to) {
        tree.rename(root, tree.resolve(from), parent(to), base(to), 0);
    }

    @Test
    void mkdirAndRmdirCallTheGroupOperationsInKernelOrder() { // G3, G5
        mkdir("/defaults/g", 0700);                        // mkdir defaults/g
        assertEquals(List.of("make g"), fx.events);
        assertEquals(0755, tree.resolve("/defaults/g").mode());        // G1
        assertEquals(Errno.EPERM, errno(() -> rmdir("/defaults/g/params")));
        rmdir("/defaults/g");                               // rmdir defaults/g
        assertEquals(List.of("make g", "disconnect g", "drop g", "release g"), fx.events);
        assertEquals(Errno.ENOENT, errno(() -> tree.resolve("/defaults/g/params")));
    }

    @Test
    void linkTextClimbsToTheRootThenDescends() { // G10
        mkdir("/targets/t", 0755);                          // mkdir targets/t
        mkdir("/users/u", 0755);                            // mkdir users/u
        symlink("../../targets/t", "/users/u/l");           // ln -s ../../targets/t users/u/l
        assertEquals("../../targets/t", ((Link) tree.resolve("/users/u/l")).target());
        assertEquals(Errno.EEXIST, errno(() -> symlink("../../targets/t", "/users/u/l")));
        assertEquals(Errno.EPERM, errno(() -> unlink("/users/u/id")));   // rm users/u/id
        unlink("/users/u/l");                                // rm users/u/l
        assertEquals(Errno.ENOENT, errno(() -> tree.resolve("/users/u/l")));
        assertEquals(0, fx.targets.children().get("t").linkedBy());
    }

    @Test
    void namespaceErrnosOutsideItemsFollowThePolicy() { // G1, G11
        assertEquals(Errno.EPERM, errno(() -> mkdir("/x", 0755)));
        assertEquals(Errno.EACCES, errno(() -> create("/targets/file")));
        assertEquals(Errno.EPERM, errno(() -> rename("/targets", "/t2")));
        assertEquals(Errno.EPERM, errno(() -> symlink("targets", "/l")));
    }

    @Test
    void unregisterDropsUserItemsAndLinks() {
        mkdir("/targets/t", 0755);
        mkdir("/users/u", 0755);
        symlink("../../targets/t", "/users/u/l");
        ConfigfsSubsystem users = new ConfigfsSubsystem(fx.users);
        fx.cfs.unregisterSubsystem(users); // a different wrapper is not the registered one
        assertTrue(fx.users.isAttached());
        fx.cfs.unregisterSubsystem(fx.cfs.subsystem("users"));
        assertTrue(!fx.users.isAttached());
        assertEquals(Errno.ENOENT, errno(() -> tree.resolve("/users")));
        assertEquals(0, fx.targets.children().get("t").linkedBy());
        assertTrue(fx.events.contains("droplink u -> t"));
        assertNull(fx.cfs.itemOf(null));
        rmdir("/targets/t");
    }

    @Test
    void itemTypesRejectProgrammerErrors() {
        ItemType.Builder b = ItemType.builder()
                .makeItem((g, n) -> null).makeGroup((g, n) -> null);
        assertThrows(IllegalStateException.class, b::build);
        ItemType.Builder dup = ItemType.builder()
                .attribute(ConfigfsAttribute.ro("a", (i, p) -> { }))
                .attribute(ConfigfsAttribute.ro("a", (i, p) -> { }));
        assertThrows(IllegalStateException.class, dup::build);
        assertThrows(IllegalStateException.class, () -> fx.cfs.registerSubsystem(Samples.childless()));
    }
}
