package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/testing.md's examples the code the suite runs: every block marked
 * {@code <!-- include: FILE -->} is FILE byte for byte (the JUnit example is run by
 * pseudofs-junit's BatteryExampleIT), and section 3's script, run from the repository with
 * Debian's psutil, prints the block marked {@code <!-- output: FILE -->} and leaves no mount.
 */
class TestingDocIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String DOC = "docs/testing.md";

    @Test
    void everyIncludedBlockIsTheFileItNames() throws IOException {
        Map<String, String> blocks = blocks("include");
        assertTrue(blocks.size() >= 5, "the doc includes its examples: " + blocks.keySet());
        for (Map.Entry<String, String> b : blocks.entrySet()) {
            assertEquals(Files.readString(REPO.resolve(b.getKey())), b.getValue(), DOC + " shows " + b.getKey());
        }
    }

    @Test
    void thePsutilExamplePrintsWhatTheDocShows() throws IOException {
        String want = blocks("output").get("docs/examples/battery-report.sh");
        Shell.Result r = Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1 PYTHON=/usr/bin/python3 TMPDIR="
                + System.getProperty("java.io.tmpdir") + "; docs/examples/battery-report.sh");
        assertEquals(want, r.out(), r.err());
        assertEquals(0, r.exit(), r.err());
        assertEquals("0\n", Shell.sh(REPO, "grep -c ' " + System.getProperty("java.io.tmpdir")
                + "/tmp\\.' /proc/mounts; true").out(), "the script unmounted");
    }

    // The fenced block after each "<!-- KIND: FILE -->" line, by FILE.
    private static Map<String, String> blocks(String kind) throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve(DOC));
        Map<String, String> found = new LinkedHashMap<>();
        String marker = "<!-- " + kind + ": ";
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(marker)) {
                continue;
            }
            String file = lines.get(i).substring(marker.length(), lines.get(i).length() - " -->".length());
            List<String> body = new ArrayList<>();
            int j = i + 2; // past the opening fence
            while (!lines.get(j).equals("```")) {
                body.add(lines.get(j++));
            }
            found.put(file, String.join("\n", body) + "\n");
        }
        return found;
    }
}
