package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every error of the pseudofs command is one line on stderr (no stack trace) with a non-zero
 * exit, 2 for usage errors. Each case runs the real command.
 */
class CliMessagesIT {
    private static final Path REPO = CliSandbox.REPO;
    @RegisterExtension
    final CliSandbox box = new CliSandbox("pseudofs-msg-");
    private final Path base = box.base;
    private final Path root = box.root;
    private final Path run = box.run;

    private Shell.Result sh(String script) {
        return box.sh(script);
    }

    private void assertOneLine(String command, int exit, String expected) {
        Shell.Result r = sh("./pseudofs " + command);
        assertEquals(expected + "\n", r.err(), command);
        assertEquals(exit, r.exit(), command);
        assertEquals("", r.out(), command);
    }

    @Test
    void usageErrorsExit2WithOneLine() throws IOException {
        assertOneLine("mount --root " + root + " --only proc,bogus", 2,
                "pseudofs: mount: unknown view bogus (known: proc, sys, debug, config) (see pseudofs mount --help)");
        assertOneLine("mount --root " + root + " --page-size 7 --background", 2,
                "pseudofs: mount: --page-size 7 is not a power of two >= 4096 (see pseudofs mount --help)");
        assertOneLine("mount --root " + root + " --demo -o spin=soon --background", 2,
                "pseudofs: mount: bad spin (0 to 1000000 microseconds): spin=soon (see pseudofs mount --help)");
        Path file = Files.writeString(base.resolve("plain"), "x");
        assertOneLine("mount --root " + file + " --only proc", 2,
                "pseudofs: mount: --root " + file + " is not a directory (see pseudofs mount --help)");
        assertOneLine("demo --root " + file, 2,
                "pseudofs: demo: --root " + file + " is not a directory (see pseudofs demo --help)");
        assertOneLine("mount --root " + root + " --bogus", 2,
                "pseudofs: mount: Unknown option: '--bogus' (see pseudofs mount --help)");
        assertOneLine("lsmod", 2,
                "pseudofs: lsmod: Missing required parameter: 'ROOT' (see pseudofs lsmod --help)");
        assertOneLine("frobnicate", 2,
                "pseudofs: Unmatched argument at index 0: 'frobnicate' (see pseudofs --help)");
        Shell.Result bare = sh("./pseudofs");
        assertEquals(2, bare.exit());
        assertTrue(bare.err().startsWith("Usage: pseudofs") && bare.err().contains("umount"), bare.err());
        assertEquals("", bare.out());
    }

    @Test
    void failuresExit1WithOneLine() {
        assertOneLine("rebind --pid 999999 --root " + root, 1, "pseudofs: rebind: no process 999999");
        assertOneLine("lsmod " + root, 1, "pseudofs: no pseudofs server is running under " + root);
        assertOneLine("umount " + root, 1, "pseudofs: nothing is mounted under " + root);
        assertOneLine("load " + root + " " + base.resolve("missing.yaml"), 1,
                "pseudofs: load: " + base.resolve("missing.yaml") + ": no such file or directory");
        assertOneLine("import " + base.resolve("missing.ttar"), 1,
                "pseudofs: " + base.resolve("missing.ttar") + ": no such file or directory");
    }

    @Test
    void aBackgroundServersOwnErrorIsShownAsItsOneLine() {
        assertOneLine("mount --root " + root + " --only proc --module " + base.resolve("none.jar") + " --background",
                1, "pseudofs: no such module jar: " + base.resolve("none.jar"));
    }

    @Test
    void aServerThatHangsUpIsNamedNotNull() throws IOException {
        // "pseudofs: null" was a connection closed before the answer; a stand-in server does that.
        Files.createDirectories(run);
        Path sock = PidFileNames.in(run, root, ".sock");
        Shell.Result r = sh("python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]);"
                + " s.listen(1); c,_=s.accept(); c.recv(100); c.close()' " + sock + " & for i in $(seq 100);"
                + " do [ -S " + sock + " ] && break; sleep 0.05; done; ./pseudofs lsmod " + root + "; e=$?; wait; exit $e");
        assertEquals("pseudofs: the server of " + root + " closed the connection without an answer (see its log "
                + PidFileNames.in(run, root, ".log") + ")\n", r.err());
        assertEquals(1, r.exit());
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsOneLine() {
        sh("./pseudofs mount --root " + root + " --only proc --background").ok();
        assertOneLine("dump " + root + " proc -o " + base.resolve("no/such/dir/out.yaml"), 1,
                "pseudofs: " + base.resolve("no/such/dir/out.yaml") + ": no such file or directory");
    }
}
