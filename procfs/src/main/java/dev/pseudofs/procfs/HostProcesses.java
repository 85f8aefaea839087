package dev.pseudofs.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the host's processes: the list from {@link ProcessHandle#allProcesses()}, the details
 * from the host's own /proc/PID files (the kernel's answers are the truth we mirror).
 */
final class HostProcesses implements ProcessSource {
    private final Path hostProc;

    HostProcesses() {
        this(Path.of("/proc"));
    }

    HostProcesses(Path hostProc) {
        this.hostProc = hostProc;
    }

    @Override
    public List<Integer> pids() {
        return ProcessHandle.allProcesses().map(p -> (int) p.pid()).sorted().toList();
    }

    @Override
    public Optional<TaskInfo> task(int pid) {
        Path dir = hostProc.resolve(Integer.toString(pid));
        try {
            String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
            byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
            String stat = null;
            try {
                stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                // stat is optional ("where available")
            }
            int tgid = Integer.parseInt(field(status, "Tgid"));
            if (tgid != pid) {
                return Optional.empty(); // a thread, not a process: /proc lists processes only
            }
            return Optional.of(new TaskInfo(pid, Integer.parseInt(field(status, "PPid")),
                    field(status, "Name"), field(status, "State"), ids(field(status, "Uid")),
                    ids(field(status, "Gid")), Integer.parseInt(field(status, "Threads")),
                    cmdline, stat));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not ours to read
        }
    }

    @Override
    public int tgidOf(int tid) {
        try {
            String status = Files.readString(hostProc.resolve(tid + "/status"), StandardCharsets.UTF_8);
            return Integer.parseInt(field(status, "Tgid"));
        } catch (IOException | RuntimeException e) {
            return tid;
        }
    }

    /** Returns the value of a "Key:\tvalue" line of a status file. */
    static String field(String status, String key) {
        String prefix = key + ":";
        for (String line : status.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        throw new IllegalArgumentException("no " + key + " in status");
    }

    private static int[] ids(String value) {
        String[] parts = value.split("\\s+");
        int[] ids = new int[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = Integer.parseInt(parts[Math.min(i, parts.length - 1)]);
        }
        return ids;
    }
}
