package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A recording of a real part of the host, big enough to matter (all of /sys/class,
 * /sys/devices/system, /proc/sys and /proc/net), mounted and checked entry by entry with
 * diff and find: every file that did not change on the host since it was recorded reads back
 * byte for byte, every entry has the host's mode, every link the host's text. All mismatches
 * are reported at once.
 */
class RecordRoundTripIT {
    /** What is recorded, as the host and the mount name it. */
    private static final List<String> TREES = List.of("sys/class", "sys/devices/system", "proc/sys", "proc/net");
    @RegisterExtension
    final CliSandbox box = new CliSandbox("pseudofs-rt-");
    private final Path tree = box.base.resolve("host");
    private final String root = box.root.toString();

    private Shell.Result sh(String script) {
        return box.sh(script);
    }

    @Test
    void aRecordedSubtreeOfTheHostReplaysEveryStableFileByteForByteWithModesAndLinks() throws IOException {
        Shell.Result rec = sh("./pseudofs record /sys/class /sys/devices/system /proc/sys /proc/net -o " + tree);
        assertEquals(0, rec.exit(), rec.err());
        assertTrue(rec.err().startsWith("pseudofs record: "), rec.err());
        String pid = Files.readSymbolicLink(tree.resolve("proc/self")).toString();
        assertEquals("self/net", Files.readSymbolicLink(tree.resolve("proc/net")).toString());
        sh("mkdir -p " + root + " && ./pseudofs mount --root " + root + " --fixture " + tree + " --background").ok();

        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (String t : TREES) {
            // /proc/net is a link to self/net: its content is recorded once, under the recorder's PID.
            String rel = t.equals("proc/net") ? "proc/" + pid + "/net" : t;
            Set<String> changed = differing(tree.resolve(rel) + "/", "/" + t + "/", null);
            differing(tree.resolve(rel) + "/", root + "/" + rel + "/", problems).stream()
                    .filter(p -> !changed.contains(p)).forEach(p -> problems.add("DIFF " + rel + "/" + p));
            // modes and kinds of every recorded entry, as the host and the mount show them
            Map<String, String> recorded = listing(tree.resolve(rel).toString());
            Map<String, String> host = listing("/" + t);
            Map<String, String> mounted = listing(root + "/" + rel);
            for (String p : recorded.keySet()) {
                compared++;
                if (!host.containsKey(p)) {
                    continue; // gone from the host since
                }
                String want = host.get(p);
                String got = mounted.get(p);
                if (!want.equals(got)) {
                    problems.add("MODE " + rel + "/" + p + ": host " + want + ", mount " + got);
                }
            }
        }
        assertEquals("self/net", sh("readlink " + root + "/proc/net").ok().trim());
        assertEquals(pid, sh("readlink " + root + "/proc/self").ok().trim());
        assertTrue(compared > 1000, "only " + compared + " entries recorded");
        assertEquals("", String.join("\n", problems), problems.size() + " mismatches of " + compared);
    }

    /**
     * Returns the paths (relative) whose content or link text differs between {@code a} and
     * {@code b} as diff reads them (every byte, no size shortcut); entries only in {@code a} are
     * added to {@code missing} (when given) as problems.
     */
    private Set<String> differing(String a, String b, List<String> missing) {
        Shell.Result r = sh("diff -rqa --no-dereference " + a + " " + b);
        Set<String> out = new HashSet<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("Files ") || line.startsWith("Symbolic links ")) {
                String first = line.substring(line.indexOf(' ', line.startsWith("Files") ? 0 : 9) + 1, line.indexOf(" and "));
                out.add(first.substring(a.length()));
            } else if (line.startsWith("Only in " + a) && missing != null) {
                String[] dn = line.substring("Only in ".length()).split(": ", 2);
                String dir = dn[0].length() > a.length() ? dn[0].substring(a.length()) + "/" : "";
                missing.add("MISSING " + dir + dn[1]);
            } else if (line.startsWith("File ") && missing != null) {
                missing.add("KIND " + line);
            }
        }
        return out;
    }

    // "TYPE MODE" of every entry below dir, by path relative to it (find's %y %m, not following links).
    private Map<String, String> listing(String dir) {
        Map<String, String> m = new HashMap<>();
        for (String line : sh("find " + dir + "/ -mindepth 1 -printf '%P\\t%y %m\\n' 2>/dev/null; true").ok().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return m;
    }
}
