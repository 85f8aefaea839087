package dev.pseudofs.configfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.Caller;
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
    private final Caller root = Caller.KERNEL;

    private Errno errno(Runnable r) {
        return assertThrows(FsException.class, r::run).errno();
    }

    @Test
    void mkdirAndRmdirCallTheGroupOperationsInKernelOrder() { // G3, G5
        tree.mkdir("/defaults/g", 0700, root);                        // mkdir defaults/g
        assertEquals(List.of("make g"), fx.events);
        assertEquals(0755, tree.resolve("/defaults/g").mode());        // G1
        assertEquals(Errno.EPERM, errno(() -> tree.rmdir("/defaults/g/params", root)));
        tree.rmdir("/defaults/g", root);                               // rmdir defaults/g
        assertEquals(List.of("make g", "disconnect g", "drop g", "release g"), fx.events);
        assertEquals(Errno.ENOENT, errno(() -> tree.resolve("/defaults/g/params")));
    }

    @Test
    void linkTextClimbsToTheRootThenDescends() { // G10
        tree.mkdir("/targets/t", 0755, root);                          // mkdir targets/t
        tree.mkdir("/users/u", 0755, root);                            // mkdir users/u
        tree.symlink("../../targets/t", "/users/u/l", root);           // ln -s ../../targets/t users/u/l
        assertEquals("../../targets/t", ((Link) tree.resolve("/users/u/l")).target());
        assertEquals(Errno.EEXIST, errno(() -> tree.symlink("../../targets/t", "/users/u/l", root)));
        assertEquals(Errno.EPERM, errno(() -> tree.unlink("/users/u/id", root)));   // rm users/u/id
        tree.unlink("/users/u/l", root);                                // rm users/u/l
        assertEquals(Errno.ENOENT, errno(() -> tree.resolve("/users/u/l")));
        assertEquals(0, fx.targets.children().get("t").linkedBy());
    }

    @Test
    void namespaceErrnosOutsideItemsFollowThePolicy() { // G1, G11
        assertEquals(Errno.EPERM, errno(() -> tree.mkdir("/x", 0755, root)));
        assertEquals(Errno.EACCES, errno(() -> tree.create("/targets/file", root)));
        assertEquals(Errno.EPERM, errno(() -> tree.rename("/targets", "/t2", root)));
        assertEquals(Errno.EPERM, errno(() -> tree.symlink("targets", "/l", root)));
    }

    @Test
    void unregisterDropsUserItemsAndLinks() {
        tree.mkdir("/targets/t", 0755, root);
        tree.mkdir("/users/u", 0755, root);
        tree.symlink("../../targets/t", "/users/u/l", root);
        ConfigfsSubsystem users = new ConfigfsSubsystem(fx.users);
        fx.cfs.unregisterSubsystem(users); // a different wrapper is not the registered one
        assertTrue(fx.users.isAttached());
        fx.cfs.unregisterSubsystem(fx.cfs.subsystem("users"));
        assertTrue(!fx.users.isAttached());
        assertEquals(Errno.ENOENT, errno(() -> tree.resolve("/users")));
        assertEquals(0, fx.targets.children().get("t").linkedBy());
        assertTrue(fx.events.contains("droplink u -> t"));
        assertNull(fx.cfs.itemOf(null));
        tree.rmdir("/targets/t", root);
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
