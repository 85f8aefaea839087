package dev.pseudofs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real client: OSHI (com.github.oshi:oshi-core) reads memory, CPU and battery figures from a
 * mounted fixture through its oshi.util.proc.path / oshi.util.sys.path settings, and reports
 * the fixture's values. Each fixture is read by a fresh JVM (OshiProbe), so no figure comes
 * from OSHI's per-JVM caches or fixed paths, and none from the host (2 CPUs here, no battery).
 */
@PseudofsTest
class OshiIT {
    @Test
    void oshiReportsTheFixturesMemoryCpusFromSysfsAndBattery(PseudofsRoot fake) throws Exception {
        fake.load(OshiIT.class, "oshi-sysfs-cpus.yaml");
        Map<String, String> got = probe(fake.root());
        assertEquals(String.valueOf(16384000L * 1024), got.get("memory.total"), "MemTotal of proc/meminfo");
        assertEquals(String.valueOf(9216000L * 1024), got.get("memory.available"), "MemAvailable");
        assertEquals("6", got.get("cpu.logical"), "sys/devices/system/cpu/cpu0..cpu5");
        assertEquals("3", got.get("cpu.physical"), "three core_ids in one package");
        assertEquals("Fixture CPU Six @ 3.00GHz", got.get("cpu.name"), "model name of proc/cpuinfo");
        assertEquals("0.42", got.get("power.BAT0.capacity"), "POWER_SUPPLY_CAPACITY of BAT0/uevent");
        assertEquals("true", got.get("power.BAT0.discharging"));
        assertEquals("false", got.get("power.BAT0.charging"));
    }

    @Test
    void oshiCountsCpuinfoWhenSysfsHasNoCpusAndSeesASetBattery(PseudofsRoot fake) throws Exception {
        fake.load(OshiIT.class, "oshi-cpuinfo.yaml");
        // Play the hardware before the client looks: the battery is now almost full.
        fake.set("sys/class/power_supply/BAT1/uevent",
                "POWER_SUPPLY_NAME=BAT1\nPOWER_SUPPLY_STATUS=Charging\nPOWER_SUPPLY_PRESENT=1\nPOWER_SUPPLY_CAPACITY=98");
        Map<String, String> got = probe(fake.root());
        assertEquals(String.valueOf(4096000L * 1024), got.get("memory.total"));
        assertEquals(String.valueOf(1536000L * 1024), got.get("memory.available"));
        assertEquals("3", got.get("cpu.logical"), "three processor entries in proc/cpuinfo");
        assertEquals("Fixture CPU Three", got.get("cpu.name"));
        assertEquals("0.98", got.get("power.BAT1.capacity"));
        assertEquals("true", got.get("power.BAT1.charging"));
    }

    // Runs OshiProbe in a JVM of its own on this JVM's class path.
    private static Map<String, String> probe(Path root) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                OshiProbe.class.getName(), root.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("OshiProbe failed: " + out);
        }
        Map<String, String> m = new LinkedHashMap<>();
        out.lines().filter(l -> l.contains("=") && !l.contains(" ")
                || l.startsWith("cpu.name=")).forEach(l -> m.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return m;
    }
}
