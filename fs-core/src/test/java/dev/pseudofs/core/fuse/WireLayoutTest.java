package dev.pseudofs.core.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every offset, size and constant of {@link Wire} against the system's
 * {@code <linux/fuse.h>} with gcc and compares what C says with what Java uses.
 */
class WireLayoutTest {
    @Test
    void everyOffsetSizeAndConstantMatchesTheSystemsLinuxFuseH(@TempDir Path dir) throws Exception {
        Map<String, Long> java = Wire.checked();
        StringBuilder c = new StringBuilder("""
                #include <stddef.h>
                #include <stdio.h>
                #include <linux/fuse.h>
                int main(void) {
                """);
        StringBuilder expected = new StringBuilder();
        for (var e : java.entrySet()) {
            c.append("    printf(\"%s = %lld\\n\", \"").append(e.getKey()).append("\", (long long) (")
                    .append(e.getKey()).append("));\n");
            expected.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        c.append("    return 0;\n}\n");
        Files.writeString(dir.resolve("wire.c"), c);
        Shell.Result cc = Shell.run(dir, List.of("gcc", "-o", "wire", "wire.c"));
        assertEquals(0, cc.exit(), cc.err());
        assertEquals(expected.toString(), Shell.run(dir, List.of("./wire")).ok());
    }
}
