package dev.pseudofs.procfs;

import java.util.Objects;

/**
 * Holds what /proc/PID shows of one process, as a {@link ProcessSource} saw it.
 *
 * @param pid the process id (thread group id)
 * @param ppid the parent's pid
 * @param comm the task name, at most 15 bytes (P15)
 * @param state the state as status prints it, e.g. "S (sleeping)"
 * @param uids real, effective, saved and filesystem uid
 * @param gids real, effective, saved and filesystem gid
 * @param threads the number of threads
 * @param cmdline the argument strings, each followed by a NUL (P14); empty for kernel threads
 * @param stat the /proc/PID/stat line with its "\n", or {@code null} when not available
 */
public record TaskInfo(int pid, int ppid, String comm, String state, int[] uids, int[] gids,
                       int threads, byte[] cmdline, String stat) {
    /** Validates the snapshot. */
    public TaskInfo {
        Objects.requireNonNull(comm, "comm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cmdline, "cmdline");
        if (uids.length != 4 || gids.length != 4) {
            throw new IllegalArgumentException("uids and gids need 4 values each");
        }
    }

    /** Returns the status text (proc_pid_status, P16) with the fields this snapshot has. */
    public String status() {
        return "Name:\t" + comm + "\n"
                + "State:\t" + state + "\n"
                + "Tgid:\t" + pid + "\n"
                + "Pid:\t" + pid + "\n"
                + "PPid:\t" + ppid + "\n"
                + "Uid:\t" + uids[0] + "\t" + uids[1] + "\t" + uids[2] + "\t" + uids[3] + "\n"
                + "Gid:\t" + gids[0] + "\t" + gids[1] + "\t" + gids[2] + "\t" + gids[3] + "\n"
                + "Threads:\t" + threads + "\n";
    }
}
