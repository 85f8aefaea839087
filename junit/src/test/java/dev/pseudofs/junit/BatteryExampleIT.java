package dev.pseudofs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing.md's JUnit example, included there verbatim (TestingDocIT checks it). */
@PseudofsTest(fixtures = "battery.yaml") // next to this class on the test class path
class BatteryExampleIT {
    /** The code under test: it reads sysfs below a root it is given (/sys in production). */
    static String warning(Path sys) throws IOException {
        Path capacity = sys.resolve("class/power_supply/BAT0/capacity");
        int percent = Integer.parseInt(Files.readString(capacity).trim());
        return percent < 10 ? "battery low: " + percent + "%" : "";
    }

    @Test
    void warnsWhenTheBatteryRunsLow(PseudofsRoot fake) throws IOException {
        assertEquals("", warning(fake.path("sys")));                  // the fixture says 87
        fake.set("sys/class/power_supply/BAT0/capacity", "5");        // play the hardware
        assertEquals("battery low: 5%", warning(fake.path("sys")));
    }

    @Test
    void aWriteIsParsedAsTheKernelWould(PseudofsRoot fake) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "echo 150 > class/power_supply/BAT0/capacity")
                .directory(fake.path("sys").toFile()).start();
        assertEquals(1, sh.waitFor(), "max: 100 in the fixture: EINVAL");
        assertEquals("87\n", fake.get("sys/class/power_supply/BAT0/capacity"), "the old value stays");
        assertTrue(fake.dump("sys/devices").contains("BAT0/capacity\": {int: 87,"), "pseudofs dump");
    }
}
