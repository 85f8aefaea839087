package dev.pseudofs.sysfs;

import static dev.pseudofs.sysfs.Expect.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class KobjectIT {
    @Test
    void kobjectsAppearRenameAndGoS2S3() { // S2, S3
        Sysfs sysfs = Sysfs.create();
        Kobject k = Kobject.createAndAdd("a/b", sysfs.kernel());
        k.createFile(Attribute.ro("v", buf -> buf.append("1\n")));
        Kobject child = Kobject.createAndAdd("child", k);
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("755 3\n", m.sh("stat -c '%a %h' 'kernel/a!b'").ok()); // S2, K3
            k.rename("renamed");
            assertEquals("1\n", m.sh("cat kernel/renamed/v").ok());
            fails(m.sh("ls 'kernel/a!b'"), "No such file or directory");
            Kobject later = Kobject.createAndAdd("later", child);
            assertEquals("later\n", m.sh("ls kernel/renamed/child").ok());
            k.del(); // S3: the whole subtree
            fails(m.sh("ls kernel/renamed"), "No such file or directory");
            assertEquals(false, later.isInSysfs());
        }
    }

    @Test
    void openFilesGetEnodevAfterDelK29() { // K29
        Sysfs sysfs = Sysfs.create();
        Kobject k = Kobject.createAndAdd("gone", sysfs.kernel());
        k.createFile(Attribute.rw("v", buf -> buf.append("1\n"), in -> in.count()));
        try (TestMount m = TestMount.of(sysfs.tree());
             Py py = Py.start(m.dir(), String.join("\n",
                     "import os, sys, select",
                     "fd = os.open('kernel/gone/v', os.O_RDWR)",
                     "print('opened', os.read(fd, 10), flush=True)",
                     "sys.stdin.readline()",
                     "for op in (lambda: os.pread(fd, 10, 0), lambda: os.write(fd, b'1')):",
                     "    try:",
                     "        op(); print('ok', flush=True)",
                     "    except OSError as e:",
                     "        print('errno', e.errno, flush=True)"))) {
            assertEquals("opened b'1\\n'", py.line());
            k.put(); // the last reference: kobject_del
            py.send("go");
            assertEquals("errno 19", py.line()); // ENODEV on read
            assertEquals("errno 19", py.line()); // and on write
            fails(m.sh("cat kernel/gone/v"), "No such file or directory");
        }
    }
}
