package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerJvmTest {
    private final ServerJvm.Size size = new ServerJvm.Size();

    @Test
    void heapSizesAreReadAsJavaReadsXmx() {
        assertEquals(512L << 20, size.convert("512m"));
        assertEquals(2L << 30, size.convert("2G"));
        assertEquals(65536L << 10, size.convert("65536k"));
        assertEquals(64L << 20, size.convert(String.valueOf(64L << 20)));
        assertThrows(CommandLine.TypeConversionException.class, () -> size.convert("12x"));
        assertThrows(CommandLine.TypeConversionException.class, () -> size.convert("-5m"));
        assertThrows(CommandLine.TypeConversionException.class, () -> size.convert("1m")); // too small to serve
    }

    @Test
    void theDefaultHeapGrowsWithTheFixtures(@TempDir Path dir) throws IOException {
        Path small = Files.write(dir.resolve("small.yaml"), new byte[1000]);
        Path big = Files.write(dir.resolve("big.ttar"), new byte[10 << 20]);
        assertEquals(64L << 20, ServerJvm.heap(null, List.of()));
        assertEquals((64L << 20) + 8000, ServerJvm.heap(null, List.of(small)));
        assertEquals((64L << 20) + 8 * (10L << 20) + 8000, ServerJvm.heap(null, List.of(big, small)));
        assertEquals(1L << 30, ServerJvm.heap(1L << 30, List.of(big))); // --heap wins
        // a YAML file of many one-line entries: 750 bytes a line and half again, above 16 MiB
        Path lines = Files.writeString(dir.resolve("lines.yaml"), "x\n".repeat(100_000));
        assertEquals((16L << 20) + 750L * 100_000 * 3 / 2 + 8 * 200_000, ServerJvm.heap(null, List.of(lines)));
    }

    @Test
    void aServerJvmGetsTheHeapInMebibytesAndRunsMain() {
        List<String> cmd = ServerJvm.command((100L << 20) + 1, List.of("mount", "--root", "/x"));
        assertTrue(cmd.contains("-Xmx101m"), cmd.toString());
        assertEquals(1, cmd.stream().filter(o -> o.startsWith("-Xmx")).count(), cmd.toString());
        assertEquals(List.of(Main.class.getName(), "mount", "--root", "/x"), cmd.subList(cmd.size() - 4, cmd.size()));
    }
}
