package dev.pseudofs.debugfs;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.core.testing.TestMount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Shell and python steps shared by the real-mount tests. */
final class MountHelpers {
    private MountHelpers() {}

    /** Runs a python3 program in the mount and returns its stdout (it must succeed). */
    static String py(TestMount m, String program) {
        String prelude = "import os, errno\n"
                + "def err(f, *a):\n"
                + "    try:\n"
                + "        r = f(*a)\n"
                + "        return 'ok ' + repr(r)\n"
                + "    except OSError as e:\n"
                + "        return errno.errorcode[e.errno]\n";
        return Shell.run(m.dir(), List.of("python3", "-c", prelude + program)).ok();
    }

    /**
     * Asserts that {@code sh -c script} fails and its stderr names {@code message}. Scripts use
     * coreutils' echo for write errors: dash's builtin reports every write error as "I/O error".
     */
    static void fails(TestMount m, String script, String message) {
        failed(m.sh(script), message);
    }

    /** Asserts that a finished process failed and its stderr names {@code message}. */
    static void failed(Shell.Result r, String message) {
        assertNotEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(message), "stderr was " + r.err());
    }

    /** Returns the lowercase hex SHA-256 of {@code data}, as sha256sum prints it. */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Returns {@code s} as UTF-8 bytes. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
