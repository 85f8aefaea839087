package dev.pseudofs.configfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Default groups, make/drop errors and hooks, dependencies, links and binary attributes
 * through a real mount.
 */
@Tag("mount")
class ItemsIT {
    private final Fixture fx = new Fixture();

    private static void fails(Shell.Result r, String message) {
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(message), "want \"" + message + "\" in: " + r.err());
    }

    @Test
    void defaultGroupsComeAndGoWithTheirParent() { // G3, G5
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            m.sh("mkdir defaults/g").ok();
            assertEquals("params\nenable\n", m.sh("ls -U defaults/g").ok());
            assertEquals("3\n", m.sh("cat defaults/g/params/level").ok());
            fails(m.sh("rmdir defaults/g/params"), "Operation not permitted");
            m.sh("mkdir defaults/g/params/x").ok();
            fails(m.sh("rmdir defaults/g"), "Directory not empty"); // a default group's child
            m.sh("rmdir defaults/g/params/x").ok();
            fx.events.clear();
            m.sh("rmdir defaults/g").ok();
            assertEquals("", m.sh("ls defaults").ok());
            assertEquals(List.of("disconnect g", "drop g", "release g"), fx.events);
        }
    }

    @Test
    void makeErrorsBecomeTheMkdirErrno() { // G4
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            fails(m.sh("mkdir defaults/bad1"), "Invalid argument");
            fails(m.sh("mkdir defaults/oom"), "Cannot allocate memory");
            fails(m.sh("mkdir defaults/" + "n".repeat(256)), "File name too long");
            assertEquals("", m.sh("ls defaults").ok());
            assertTrue(fx.cfs.items().values().stream().noneMatch(i -> i.name().startsWith("bad")));
        }
    }

    @Test
    void aDependedItemCannotBeRemoved() { // G5
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            m.sh("mkdir targets/t").ok();
            ConfigItem t = fx.targets.children().get("t");
            fx.cfs.dependItem(t);
            fails(m.sh("rmdir targets/t"), "Device or resource busy");
            fx.cfs.undependItem(t);
            m.sh("rmdir targets/t").ok();
            assertTrue(!t.isAttached());
        }
    }

    @Test
    void linksNeedAllowLinkAndPinTheirTarget() { // G5, G10, G11
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            m.sh("mkdir targets/t1 targets/nope users/u1").ok();
            m.sh("ln -s ../../targets/t1 users/u1/to-t1").ok();
            assertEquals("../../targets/t1\n", m.sh("readlink users/u1/to-t1").ok());
            assertEquals("777\n", m.sh("stat -c %a users/u1/to-t1").ok());
            assertEquals("t1\n", m.sh("cat users/u1/to-t1/name").ok());
            assertEquals(List.of("allow u1 -> t1"), fx.events);
            fails(m.sh("rmdir targets/t1"), "Device or resource busy");
            fails(m.sh("rmdir users/u1"), "Directory not empty");
            fails(m.sh("ln -s ../../targets/nope users/u1/x"), "No space left on device");
            fails(m.sh("ln -s ../../users/u1 targets/t1/back"), "Operation not permitted");
            fails(m.sh("ln -s ../../targets/none users/u1/x"), "No such file or directory");
            fails(m.sh("ln -s ../../targets/t1/name users/u1/x"), "Not a directory");
            fails(m.sh("ln -s /etc users/u1/x"), "Operation not permitted");
            fails(m.sh("ln -s ../.. users/u1/x"), "No such file or directory"); // the root has no item
            m.sh("rm users/u1/to-t1").ok();
            assertEquals(List.of("allow u1 -> t1", "droplink u1 -> t1"), fx.events);
            m.sh("rmdir targets/t1 && rmdir users/u1").ok();
            assertEquals("nope\n", m.sh("ls targets").ok());
        }
    }

    @Test
    void absoluteTargetsResolveThroughTheMountPoint() { // G10
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            fx.cfs.mountedAt(m.dir());
            m.sh("mkdir targets/t2 users/u2 && mkdir users/u2-peer").ok();
            m.sh("ln -s \"$PWD/targets/t2\" users/u2/abs").ok();
            m.sh("ln -s ../u2/abs users/u2-peer/via-link").ok(); // a link through a link
            assertEquals("../../targets/t2\n", m.sh("readlink users/u2/abs").ok());
            assertEquals("../../targets/t2\n", m.sh("readlink users/u2-peer/via-link").ok());
            assertEquals("abs\n", m.sh("ls users/u2 | grep abs").ok());
        }
    }

    @Test
    void binaryWritesAreCommittedOnceAtClose() { // G2, G9
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            assertEquals("0\n", m.sh("stat -c %s bin/data").ok());
            assertEquals("hello", m.sh("cat bin/data").ok());
            String out = m.python("""
                    import os
                    fd = os.open('bin/data', os.O_WRONLY)
                    os.write(fd, b'ab'); os.write(fd, b'cd')
                    print(open('bin/data', 'rb').read())
                    os.close(fd)
                    print(open('bin/data', 'rb').read())
                    """).ok();
            assertEquals("b'hello'\nb'abcd'\n", out);
            assertEquals(1, fx.commits.get());
            m.sh("printf xyz > bin/data").ok();
            assertEquals("xyz", m.sh("cat bin/data").ok());
            assertEquals(2, fx.commits.get());
        }
    }

    @Test
    void binaryFilesRefuseMixingSeekingAndOversize() { // G9
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            String out = m.python("""
                    import os
                    r = []
                    def attempt(f):
                        try:
                            r.append(f())
                        except OSError as e:
                            r.append(e.strerror)
                    fd = os.open('bin/data', os.O_RDWR)
                    attempt(lambda: os.read(fd, 100))
                    attempt(lambda: os.write(fd, b'x'))
                    attempt(lambda: os.lseek(fd, 0, 0))
                    os.close(fd)
                    fd = os.open('bin/data', os.O_WRONLY)
                    attempt(lambda: os.write(fd, b'y' * 17))
                    attempt(lambda: os.write(fd, b'y' * 16))
                    attempt(lambda: os.read(fd, 1))
                    os.close(fd)
                    print(r)
                    """).ok();
            assertEquals("[b'hello', 'Text file busy', 'Illegal seek', 'File too large', 16, "
                    + "'Bad file descriptor']\n", out);
            assertEquals("y".repeat(16), m.sh("cat bin/data").ok());
            fx.blob.set(new byte[17]);
            fails(m.sh("cat bin/data"), "File too large");
        }
    }
}
