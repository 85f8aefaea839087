package dev.pseudofs.sysfs;

import static dev.pseudofs.sysfs.Expect.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class LinkIT {
    @Test
    void linksReadRelativeAndFollowMovesK4S26S27K9() { // K4, S26, S27, K9
        Sysfs sysfs = Sysfs.create();
        Kobject virt = Kobject.createAndAdd("virtual", sysfs.devices());
        Kobject net = Kobject.createAndAdd("net", virt);
        Kobject lo = Kobject.createAndAdd("lo", net);
        lo.createFile(Attribute.ro("mtu", buf -> buf.append("65536\n")));
        Kset classNet = Kset.createAndAdd("net", sysfs.classes());
        classNet.createLink(lo, "lo");
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("../../devices/virtual/net/lo\n", m.sh("readlink class/net/lo").ok());
            String ls = m.sh("ls -l class/net").ok();
            assertTrue(ls.contains("lrwxrwxrwx") && ls.contains("lo -> ../../devices/virtual/net/lo"), ls);
            assertEquals("symbolic link 777 0\n", m.sh("stat -c '%F %a %s' class/net/lo").ok()); // K4
            assertEquals("65536\n", m.sh("cat class/net/lo/mtu").ok());
            lo.rename("lo0");
            assertEquals("../../devices/virtual/net/lo0\n", m.sh("readlink class/net/lo").ok());
            lo.move(sysfs.devices());
            assertEquals("../../devices/lo0\n", m.sh("readlink class/net/lo").ok());
            assertEquals("65536\n", m.sh("cat class/net/lo/mtu").ok());
            fails(m.sh("rm class/net/lo"), "Operation not permitted");          // K9
            fails(m.sh("ln -s ../x class/net/y"), "Operation not permitted");   // K9
            classNet.removeLink("lo");
            fails(m.sh("readlink -e class/net/lo || ls class/net/lo"), "No such file or directory");
        }
    }

    @Test
    void linkInTheRootS26() { // S26
        Sysfs sysfs = Sysfs.create();
        Kobject hv = Kobject.createAndAdd("hv", sysfs.firmware());
        sysfs.createLink(hv, "hypervisor");
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("firmware/hv\n", m.sh("readlink hypervisor").ok());
        }
    }
}
