package dev.pseudofs.sysfs;

/** Holds the python poller the notify tests run (select.poll, as user space does it). */
final class PollScript {
    /** POLLIN|POLLPRI|POLLERR: what a fresh, never-read fd reports (K31). */
    static final int IN_PRI_ERR = 0x1 | 0x2 | 0x8;

    /**
     * Reads a path from stdin; polls a fresh fd, reads it, polls without waiting, then waits
     * for POLLPRI|POLLERR and re-reads from offset 0 (the protocol K31 describes).
     */
    static final String POLL_AFTER_READ = String.join("\n",
            "import os, select, sys",
            "path = sys.stdin.readline().strip()",
            "fd = os.open(path, os.O_RDONLY)",
            "p = select.poll()",
            "p.register(fd, select.POLLIN | select.POLLPRI | select.POLLERR)",
            "print('fresh', hex(p.poll(0)[0][1]), flush=True)",
            "print('read', os.read(fd, 4096).decode().strip(), flush=True)",
            "print('quiet', hex(p.poll(0)[0][1]), flush=True)",
            "q = select.poll()",
            "q.register(fd, select.POLLPRI | select.POLLERR)",
            "ev = q.poll(60000)",
            "print('woke', hex(ev[0][1]) if ev else 'timeout', flush=True)",
            "try:",
            "    os.lseek(fd, 0, 0)",
            "    print('reread', os.read(fd, 4096).decode().strip(), flush=True)",
            "except OSError as e:",
            "    print('reread errno', e.errno, flush=True)");

    private PollScript() {}
}
