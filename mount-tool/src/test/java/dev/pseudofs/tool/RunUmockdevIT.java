package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same device file under umockdev-run and under pseudofs run: umockdev's LD_PRELOAD reaches
 * the dynamic program only, so the static one reads the real /sys (this machine has no
 * battery); under run both read the fake. The table is the side-by-side of docs/testing.md.
 * Part of the suite where /usr/bin/umockdev-run is installed (the mount-tool pom's umockdev
 * profile; bench/run-start.sh installs it).
 */
class RunUmockdevIT {
    private static final String BAT1 = "/sys/class/power_supply/BAT1/capacity";

    @Test
    void umockdevRunReachesOnlyTheDynamicProgramAndPseudofsRunReachesBoth() throws IOException {
        Path dir = Files.createTempDirectory("pseudofs-umockdev-");
        // a short prefix: the run's socket path below the build's temp directory must fit 107 bytes
        try (CliSandbox box = new CliSandbox("pseudofs-umd-")) {
            RunCommandIT.compile(dir);
            String device = RunCommandIT.FIXTURE.resolveSibling("sample.umockdev").toString();
            String fake = BAT1 + ": 42\n";
            String real = Shell.run(dir, List.of(dir.resolve("battery-static").toString(), BAT1)).out();
            assertEquals(BAT1 + ": No such file or directory\n", real, "this test needs a machine without BAT1");
            assertEquals(fake, umockdev(dir, device, "dynamic"));
            assertEquals(real, umockdev(dir, device, "static"), "umockdev-run cannot reach a static program");
            for (String variant : List.of("dynamic", "static")) {
                assertEquals(fake, box.sh("./pseudofs run --fixture " + device + " -- "
                        + dir.resolve("battery-" + variant) + " " + BAT1).ok(), variant);
            }
        } finally {
            Shell.run(dir, List.of("rm", "-rf", dir.toString()));
        }
    }

    private static String umockdev(Path dir, String device, String variant) {
        return Shell.run(dir, List.of("umockdev-run", "-d", device, "--", dir.resolve("battery-" + variant).toString(), BAT1)).out();
    }
}
