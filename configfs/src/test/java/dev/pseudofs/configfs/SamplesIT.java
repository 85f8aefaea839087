package dev.pseudofs.configfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The kernel's three configfs samples driven through a real mount with mkdir, cat and echo. */
@Tag("mount")
class SamplesIT {
    private final Fixture fx = new Fixture();

    private static void fails(Shell.Result r, String message) {
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(message), "want \"" + message + "\" in: " + r.err());
    }

    @Test
    void rootListsSubsystemsNewestFirstAndRefusesChanges() { // G1, G5, G10
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            assertEquals("bin\nusers\ntargets\ndefaults\n03-group-children\n02-simple-children\n"
                    + "01-childless\n", m.sh("ls -U").ok());
            assertEquals("755\n", m.sh("stat -c %a .").ok());
            fails(m.sh("mkdir newsys"), "Operation not permitted");
            fails(m.sh("rmdir 01-childless"), "Operation not permitted");
            fails(m.sh("ln -s 01-childless link"), "Operation not permitted");
        }
    }

    @Test
    void childlessShowsCountsAndStores() { // G2, G4, G6, G7
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            assertEquals("description\nstoreme\nshowme\n", m.sh("ls -U 01-childless").ok());
            assertEquals("4096 444\n", m.sh("stat -c '%s %a' 01-childless/showme").ok());
            assertEquals("0\n", m.sh("cat 01-childless/showme").ok());
            assertEquals("1\n", m.sh("cat 01-childless/showme").ok());
            assertEquals("0\n", m.sh("cat 01-childless/storeme").ok());
            m.sh("echo 42 > 01-childless/storeme").ok();
            assertEquals("42\n", m.sh("cat 01-childless/storeme").ok());
            fails(m.sh("echo abc > 01-childless/storeme"), "Invalid argument");
            fails(m.sh("echo 99999999999 > 01-childless/storeme"), "Numerical result out of range");
            assertEquals("42\n", m.sh("cat 01-childless/storeme").ok());
            assertTrue(m.sh("cat 01-childless/description").ok().startsWith("[01-childless]\n\n"));
            fails(m.sh("echo 1 > 01-childless/showme"), "Permission denied"); // G6: root too
            fails(m.sh("mkdir 01-childless/child"), "Operation not permitted"); // G4
        }
    }

    @Test
    void aSnapshotLastsUntilAWriteAndLseekDoesNotRefresh() { // G7
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            String out = m.python("""
                    import os
                    fd = os.open('01-childless/showme', os.O_RDONLY)
                    r = [os.read(fd, 100)]
                    os.lseek(fd, 0, 0); r.append(os.read(fd, 100)); r.append(os.pread(fd, 100, 1))
                    s = os.open('01-childless/storeme', os.O_RDWR)
                    r.append(os.read(s, 100)); os.write(s, b'7'); os.lseek(s, 0, 0)
                    r.append(os.read(s, 100))
                    print(r)
                    """).ok();
            assertEquals("[b'0\\n', b'0\\n', b'\\n', b'0\\n', b'7\\n']\n", out);
        }
    }

    @Test
    void writesAreCutAt4095AndBigShowsFailWithEio() { // G7, G8
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            String out = m.python("""
                    import os
                    fd = os.open('bin/sink', os.O_WRONLY)
                    print([os.write(fd, b'x' * n) for n in (1, 4095, 4096, 5000)])
                    """).ok();
            assertEquals("[1, 4095, 4095, 4095]\n", out);
            assertEquals(java.util.List.of(1, 4095, 4095, 4095), fx.storeSizes);
            fails(m.sh("cat bin/big"), "Input/output error");
        }
    }

    @Test
    void simpleChildrenComeAndGoWithMkdirAndRmdir() { // G1, G3, G4, G5
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            m.python("import os; os.mkdir('02-simple-children/foo', 0o700)").ok();
            m.sh("mkdir 02-simple-children/bar").ok();
            assertEquals("bar\nfoo\ndescription\n", m.sh("ls -U 02-simple-children").ok());
            assertEquals("755\n", m.sh("stat -c %a 02-simple-children/foo").ok());
            assertEquals("storeme\n", m.sh("ls 02-simple-children/foo").ok());
            m.sh("echo 5 > 02-simple-children/foo/storeme").ok();
            assertEquals("5\n0\n", m.sh("cat 02-simple-children/foo/storeme 02-simple-children/bar/storeme").ok());
            fails(m.sh("mkdir 02-simple-children/foo/deeper"), "Operation not permitted");
            fails(m.sh("mkdir 02-simple-children/foo"), "File exists");
            fails(m.sh("mkdir 02-simple-children/description"), "File exists");
            m.sh("rmdir 02-simple-children/foo").ok();
            assertEquals("bar\ndescription\n", m.sh("ls -U 02-simple-children").ok());
            fails(m.sh("cat 02-simple-children/foo/storeme"), "No such file or directory");
            assertEquals(java.util.Set.of("bar"), fx.sample("02-simple-children").children().keySet());
        }
    }

    @Test
    void groupChildrenAcceptChildrenAndRefuseRmdirWhileTheyLive() { // G3, G5
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            m.sh("mkdir 03-group-children/g && mkdir 03-group-children/g/c").ok();
            assertEquals("c\ndescription\n", m.sh("ls -U 03-group-children/g").ok());
            assertTrue(m.sh("cat 03-group-children/g/description").ok().startsWith("[02-simple-children]"));
            m.sh("echo 9 > 03-group-children/g/c/storeme").ok();
            assertEquals("9\n", m.sh("cat 03-group-children/g/c/storeme").ok());
            fails(m.sh("rmdir 03-group-children/g"), "Directory not empty");
            m.sh("rmdir 03-group-children/g/c && rmdir 03-group-children/g").ok();
            assertEquals("description\n", m.sh("ls 03-group-children").ok());
        }
    }

    @Test
    void filesCannotBeCreatedRemovedOrRenamed() { // G11
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            fails(m.sh("touch 02-simple-children/newfile"), "Permission denied");
            fails(m.sh("rm -f 02-simple-children/description"), "Operation not permitted");
            m.sh("mkdir 02-simple-children/foo").ok();
            fails(m.sh("mv 02-simple-children/foo 02-simple-children/bar"), "Operation not permitted");
            String out = m.python("""
                    import os
                    try:
                        os.unlink('02-simple-children/foo')
                    except OSError as e:
                        print(e.strerror)
                    """).ok();
            assertEquals("Is a directory\n", out);
        }
    }

    @Test
    void anOpenAttributeOfARemovedItemAnswersEnoent() { // G8a (cached reads: docs/compat-configfs.md)
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            m.sh("mkdir 02-simple-children/gone").ok();
            String out = m.python("""
                    import os
                    fd = os.open('02-simple-children/gone/storeme', os.O_RDWR)
                    first = os.read(fd, 100)
                    os.rmdir('02-simple-children/gone')
                    r = [first]
                    for op in (lambda: os.write(fd, b'1'), lambda: os.pread(fd, 100, 0)):
                        try:
                            op()
                        except OSError as e:
                            r.append(e.strerror)
                    print(r)
                    """).ok();
            assertEquals("[b'0\\n', 'No such file or directory', 'No such file or directory']\n", out);
        }
    }

    @Test
    void openChecksAndOwnershipApplyToEveryone() { // G2, G6
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            fails(m.sh("cat bin/sink"), "Permission denied"); // no read bit and no show: root too
            m.sh("chmod 600 01-childless/storeme").ok();
            assertEquals("600 4096\n", m.sh("stat -c '%a %s' 01-childless/storeme").ok());
            fails(m.shAsNobody("cat 01-childless/storeme"), "Permission denied");
            fails(m.shAsNobody("mkdir 02-simple-children/mine"), "Permission denied");
            assertEquals("0\n", m.shAsNobody("cat 01-childless/showme").ok());
        }
    }
}
