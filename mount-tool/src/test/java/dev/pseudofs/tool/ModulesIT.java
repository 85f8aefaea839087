package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import dev.pseudofs.tool.testmodules.BrokenModule;
import dev.pseudofs.tool.testmodules.HelloModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** insmod, rmmod and lsmod of module jars, with the pseudofs command and shell tools only. */
class ModulesIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private Path root;
    private Path jars;

    @BeforeEach
    void start() throws IOException {
        root = Files.createTempDirectory("pseudofs-mod-");
        jars = Files.createTempDirectory("pseudofs-jars-");
        jar("hello.jar", HelloModule.class);
        jar("broken.jar", BrokenModule.class);
        sh("./pseudofs mount --root " + root + " --background").ok();
    }

    @AfterEach
    void stop() {
        sh("./pseudofs umount " + root + "; rm -rf " + root + " " + jars);
    }

    private void jar(String name, Class<?> module) throws IOException {
        ModuleJars.make(jars, name, module);
    }

    private Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script);
    }

    @Test
    void insmodAddsTheModuleEverywhereAndRmmodTakesItAway() { // S30, P1
        sh("./pseudofs insmod " + root + " " + jars.resolve("hello.jar") + " who=pseudofs").ok();
        assertEquals("hello\n", sh("./pseudofs lsmod " + root).ok());
        assertEquals("hello pseudofs\n", sh("cat " + root + "/proc/hello").ok());
        assertEquals("pseudofs\n", sh("cat " + root + "/sys/module/hello/parameters/who").ok());
        assertEquals("hello 0 0 - Live 0x0000000000000000\n", sh("cat " + root + "/proc/modules").ok());
        assertEquals("debug hello\n", sh("cat " + root + "/sys/kernel/debug/hello").ok());
        sh("printf friend > " + root + "/sys/module/hello/parameters/who").ok(); // charp keeps a newline
        assertEquals("hello friend\n", sh("cat " + root + "/proc/hello").ok());
        assertTrue(sh("./pseudofs insmod " + root + " " + jars.resolve("hello.jar")).err().contains("already loaded"));
        sh("./pseudofs rmmod " + root + " hello").ok();
        assertEquals("", sh("./pseudofs lsmod " + root).ok());
        assertTrue(sh("cat " + root + "/proc/hello").err().contains("No such file"));
        assertTrue(sh("ls " + root + "/sys/module/hello").err().contains("No such file"));
        assertEquals("", sh("cat " + root + "/proc/modules").ok());
    }

    @Test
    void aModuleWhoseInitFailsIsNotHalfLoaded() {
        Shell.Result r = sh("./pseudofs insmod " + root + " " + jars.resolve("broken.jar"));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("broken hardware"), r.err());
        assertTrue(sh("cat " + root + "/proc/broken").err().contains("No such file"));
        assertTrue(sh("ls " + root + "/sys/kernel/debug/broken").err().contains("No such file"));
        assertTrue(sh("ls " + root + "/sys/module/broken").err().contains("No such file"));
        assertEquals("", sh("./pseudofs lsmod " + root).ok());
    }

    @Test
    void unknownParametersAndMissingJarsAreRefused() {
        Shell.Result r = sh("./pseudofs insmod " + root + " " + jars.resolve("hello.jar") + " colour=blue");
        assertTrue(r.exit() != 0 && r.err().contains("unknown parameter 'colour'"), r.err());
        assertTrue(sh("cat " + root + "/proc/hello").err().contains("No such file"));
        Shell.Result missing = sh("./pseudofs insmod " + root + " /nonexistent.jar");
        assertTrue(missing.exit() != 0 && missing.err().contains("no such module jar"), missing.err());
    }

    @Test
    void modulesLoadAtMountTimeWithParameters() throws IOException {
        Path other = Files.createTempDirectory("pseudofs-mod2-");
        try {
            sh("./pseudofs mount --root " + other + " --only proc,sys --module "
                    + jars.resolve("hello.jar") + " who=boot --background").ok();
            assertEquals("hello boot\n", sh("cat " + other + "/proc/hello").ok());
        } finally {
            sh("./pseudofs umount " + other + "; rmdir " + other);
        }
    }
}
