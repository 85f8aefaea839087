package dev.pseudofs.sysfs;

import static dev.pseudofs.sysfs.Expect.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pseudofs.core.testing.TestMount;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class GroupIT {
    private final Sysfs sysfs = Sysfs.create();
    private final Kobject k = Kobject.createAndAdd("dev0", sysfs.devices());
    private final AtomicBoolean showHidden = new AtomicBoolean(false);
    private final AttributeGroup stats = AttributeGroup.named("stats",
                    Attribute.ro("rx", buf -> buf.append("1\n")),
                    Attribute.ro("hidden", buf -> buf.append("peekaboo\n")),
                    Attribute.of("wide", 0660, buf -> buf.append("w\n"), in -> in.count()))
            .withIsVisible((kobj, attr, i) -> switch (attr.name()) {
                case "hidden" -> showHidden.get() ? 0444 : 0; // S25
                case "wide" -> 0775;                          // masked to 0664 (S5)
                default -> attr.mode();
            });

    @Test
    void namedGroupIsASubdirectoryS24S5() { // S24, S5
        k.createGroup(stats);
        k.createGroup(AttributeGroup.of(Attribute.ro("flat", buf -> buf.append("f\n"))));
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("755 directory 2\n", m.sh("stat -c '%a %F %h' devices/dev0/stats").ok());
            assertEquals("f\n", m.sh("cat devices/dev0/flat").ok());
            assertEquals("1\n", m.sh("cat devices/dev0/stats/rx").ok());
            assertEquals("rx\nwide\n", m.sh("ls devices/dev0/stats | sort").ok());
            assertEquals("664 4096\n", m.sh("stat -c '%a %s' devices/dev0/stats/wide").ok());
            fails(m.sh("cat devices/dev0/stats/hidden"), "No such file or directory"); // S25
        }
    }

    @Test
    void updateReevaluatesVisibilityWithNewInodesS25() { // S25
        k.createGroup(stats);
        try (TestMount m = TestMount.of(sysfs.tree());
             Py py = Py.start(m.dir(), String.join("\n",
                     "import os, sys",
                     "fd = os.open(sys.stdin.readline().strip(), os.O_RDONLY)",
                     "print('opened', flush=True)",
                     "sys.stdin.readline()",
                     "try:",
                     "    os.pread(fd, 10, 0); print('read ok', flush=True)",
                     "except OSError as e:",
                     "    print('errno', e.errno, flush=True)"))) {
            String before = m.sh("stat -c %i devices/dev0/stats/rx").ok();
            py.send("devices/dev0/stats/rx");
            assertEquals("opened", py.line());
            showHidden.set(true);
            k.updateGroup(stats);
            py.send("go");
            assertEquals("errno 19", py.line()); // ENODEV: the old file was removed (K29)
            assertEquals("peekaboo\n", m.sh("cat devices/dev0/stats/hidden").ok());
            assertNotEquals(before, m.sh("stat -c %i devices/dev0/stats/rx").ok());
            showHidden.set(false);
            k.updateGroup(stats);
            fails(m.sh("cat devices/dev0/stats/hidden"), "No such file or directory");
        }
    }

    @Test
    void groupInvisibleHidesTheDirectoryAndRemovalTakesItS25() { // S25
        AtomicBoolean present = new AtomicBoolean(false);
        AttributeGroup power = AttributeGroup.named("power", Attribute.ro("state", buf -> buf.append("on\n")))
                .withIsVisible((kobj, attr, i) -> present.get() ? attr.mode() : AttributeGroup.GROUP_INVISIBLE);
        k.createGroup(power);
        try (TestMount m = TestMount.of(sysfs.tree())) {
            fails(m.sh("ls devices/dev0/power"), "No such file or directory");
            present.set(true);
            k.updateGroup(power);
            assertEquals("on\n", m.sh("cat devices/dev0/power/state").ok());
            k.removeGroup(power);
            fails(m.sh("ls devices/dev0/power"), "No such file or directory");
        }
    }
}
