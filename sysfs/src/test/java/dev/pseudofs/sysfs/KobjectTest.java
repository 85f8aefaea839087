package dev.pseudofs.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tree-level tests: kobjects driven as a module would, without a mount. */
class KobjectTest {
    private final Sysfs sysfs = Sysfs.create();

    @Test
    void topLevelAndMountPointsS1K10() { // S1, K10
        Dir root = sysfs.tree().root();
        assertEquals(0555, root.mode());
        for (String n : List.of("kernel", "devices", "class", "bus", "module", "fs", "firmware",
                "power", "block", "dev")) {
            assertInstanceOf(Dir.class, root.lookup(n), n);
        }
        Dir debug = (Dir) sysfs.kernel().dir().lookup("debug");
        assertEquals(0555, debug.mode());
        assertEquals(0, debug.size());
        assertEquals(2, sysfs.tree().stat(debug).nlink());
    }

    @Test
    void namesFollowS3() { // S3
        Kobject a = Kobject.createAndAdd("a/b", sysfs.kernel());
        assertEquals("a!b", a.name());
        assertEquals("/kernel/a!b", a.path());
        FsException dup = assertThrows(FsException.class, () -> Kobject.createAndAdd("a/b", sysfs.kernel()));
        assertEquals(Errno.EEXIST, dup.errno());
        FsException empty = assertThrows(FsException.class, () -> Kobject.createAndAdd("", sysfs.kernel()));
        assertEquals(Errno.EINVAL, empty.errno());
        Kobject c = Kobject.createAndAdd("c", sysfs.kernel());
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> c.rename("a!b")).errno());
        c.rename("d/e");
        assertEquals("/kernel/d!e", c.path());
    }

    @Test
    void delRemovesTheSubtreeS3() { // S3
        Kobject a = Kobject.createAndAdd("a", sysfs.kernel());
        Kobject b = Kobject.createAndAdd("b", a);
        File f = b.createFile(Attribute.ro("x", buf -> buf.append("1\n")));
        a.del();
        assertTrue(f.isRemoved());
        assertFalse(b.isInSysfs());
        assertNull(sysfs.kernel().dir().lookup("a"));
    }

    @Test
    void lastPutDeletesAndReleases() {
        AtomicInteger released = new AtomicInteger();
        Kobject k = Kobject.create("k", KobjType.DYNAMIC.withRelease(o -> released.incrementAndGet()));
        k.add(sysfs.kernel());
        int parentRefs = sysfs.kernel().refcount();
        k.get();
        k.put();
        assertTrue(k.isInSysfs());
        k.put();
        assertFalse(k.isInSysfs());
        assertEquals(1, released.get());
        assertEquals(parentRefs - 1, sysfs.kernel().refcount());
    }

    @Test
    void defaultGroupsComeWithTheDirectoryS4() { // S4
        KobjType t = KobjType.withGroups(AttributeGroup.of(Attribute.ro("a", buf -> { })),
                AttributeGroup.named("stats", Attribute.ro("b", buf -> { })));
        Kobject k = sysfs.devices().createMember("dev0", t);
        assertNotNull(k.dir().lookup("a"));
        assertNotNull(((Dir) k.dir().lookup("stats")).lookup("b"));
        assertEquals(k, sysfs.devices().find("dev0"));
        k.del();
        assertNull(sysfs.devices().find("dev0"));
    }

    @Test
    void groupRulesS24() { // S24
        Kobject k = Kobject.createAndAdd("k", sysfs.kernel());
        assertEquals(Errno.EINVAL, assertThrows(FsException.class,
                () -> k.createGroup(AttributeGroup.named("g"))).errno());
        Attribute a = Attribute.ro("a", buf -> { });
        AttributeGroup dupNamed = AttributeGroup.named("g", Attribute.ro("x", buf -> { }), a, a);
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> k.createGroup(dupNamed)).errno());
        assertNull(k.dir().lookup("g"), "named group rolled back whole");
        AttributeGroup dup = AttributeGroup.of(Attribute.ro("y", buf -> { }), a, a);
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> k.createGroup(dup)).errno());
        assertEquals(0, k.dir().size(), "unnamed group rolled back");
    }

    @Test
    void linksAreRelativeAndFollowMovesS26S27() { // S26, S27
        Kobject virt = Kobject.createAndAdd("virtual", sysfs.devices());
        Kobject net = Kobject.createAndAdd("net", virt);
        Kobject lo = Kobject.createAndAdd("lo", net);
        Kset classNet = Kset.createAndAdd("net", sysfs.classes());
        Link l = classNet.createLink(lo, "lo");
        assertEquals("../../devices/virtual/net/lo", l.target());
        assertEquals(Errno.EEXIST, assertThrows(FsException.class, () -> classNet.createLink(lo, "lo")).errno());
        lo.rename("lo0");
        assertEquals("../../devices/virtual/net/lo0", l.target());
        lo.move(sysfs.devices());
        assertEquals("../../devices/lo0", l.target());
        Kobject gone = Kobject.createAndAdd("gone", sysfs.kernel());
        gone.del();
        assertEquals(Errno.ENOENT, assertThrows(FsException.class, () -> classNet.createLink(gone, "g")).errno());
    }
}
