package dev.pseudofs.procfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.SeqFile;
import dev.pseudofs.core.SeqOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Registers the read-only entries every /proc view wants, each derived from the host's own
 * file of the same name at read time and registered through the public {@link Procfs} API.
 */
public final class StockEntries {
    private StockEntries() {}

    /**
     * Adds {@code uptime}, {@code loadavg}, {@code version}, {@code meminfo}, {@code cpuinfo} and
     * {@code filesystems} (single_open files) and {@code mounts} (a seq_file, one record per
     * mount) to {@code proc}, read from {@code hostProc} (normally /proc).
     */
    public static void register(Procfs proc, Path hostProc) {
        for (String name : List.of("uptime", "loadavg", "version", "meminfo", "cpuinfo", "filesystems")) {
            Path source = hostProc.resolve(name);
            proc.createSingle(name, 0444, null, m -> m.write(readHost(source)));
        }
        proc.createSeq("mounts", 0444, null, new MountLines(hostProc.resolve("self/mounts")));
    }

    /** Adds the stock entries read from the host's /proc. */
    public static void register(Procfs proc) {
        register(proc, Path.of("/proc"));
    }

    private static byte[] readHost(Path source) {
        try {
            return Files.readAllBytes(source);
        } catch (IOException e) {
            throw FsException.io("cannot read " + source + ": " + e.getMessage());
        }
    }

    /** Iterates the lines of the host's mount table, one record per mount (as show_vfsmnt). */
    private static final class MountLines implements SeqOperations<String> {
        private final Path source;

        MountLines(Path source) {
            this.source = source;
        }

        // The table is read when a pass starts at record 0 and kept for this open file, so
        // continuing reads see the same table (as the kernel's mount namespace event check).
        @SuppressWarnings("unchecked")
        private List<String> lines(SeqFile m, long pos) {
            Object kept = m.file().privateData();
            if (pos == 0 || !(kept instanceof List<?>)) {
                kept = new String(readHost(source), StandardCharsets.UTF_8).lines().toList();
                m.file().setPrivateData(kept);
            }
            return (List<String>) kept;
        }

        @Override
        public String start(SeqFile m, long pos) {
            List<String> lines = lines(m, pos);
            return pos < lines.size() ? lines.get((int) pos) : null;
        }

        @Override
        public String next(SeqFile m, String v, long pos) {
            List<String> lines = lines(m, pos);
            return pos < lines.size() ? lines.get((int) pos) : null;
        }

        @Override
        public void show(SeqFile m, String line) {
            m.puts(line).putc('\n'); // the host already escaped the fields (seq_escape, Q14)
        }
    }
}
