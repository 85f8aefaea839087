package dev.pseudofs.procfs;

import dev.pseudofs.core.FsException;
import java.util.List;
import java.util.Optional;

/**
 * Supplies the processes /proc/PID shows; {@link #host()} lists the host's own processes.
 */
public interface ProcessSource {
    /** Returns the pids (thread group ids) of the processes to list, ascending. */
    List<Integer> pids();

    /** Returns a fresh snapshot of process {@code pid}, or empty when it does not exist. */
    Optional<TaskInfo> task(int pid);

    /**
     * Returns the thread group id of thread {@code tid}: FUSE reports the calling thread, while
     * /proc/self names the process (P12). The default treats every thread as a process.
     */
    default int tgidOf(int tid) {
        return tid;
    }

    /** Renames process {@code pid} (a write to /proc/PID/comm by itself, P15); default EINVAL. */
    default void setComm(int pid, String comm) {
        throw FsException.invalid("comm of " + pid + " cannot be changed");
    }

    /** Returns the source that reads the host's processes from the host's /proc. */
    static ProcessSource host() {
        return new HostProcesses();
    }
}
