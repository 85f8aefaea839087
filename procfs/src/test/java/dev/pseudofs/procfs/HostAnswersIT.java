package dev.pseudofs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.HostOracle;
import dev.pseudofs.core.testing.HostOracle.As;
import dev.pseudofs.core.testing.HostOracle.Probe;
import dev.pseudofs.core.testing.TestMount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs each probe on the host's /proc, /proc/sys/kernel and /proc/self and on a procfs of ours
 * with the same kinds of nodes (a 0444 single_open file, a seq file, a 0644 sysctl, a sysctl
 * directory, the caller's /proc/PID), and expects the same errno or poll mask.
 */
@Tag("mount")
class HostAnswersIT {
    private static final Path PROC = Path.of("/proc");
    private static final Path SYSCTL = Path.of("/proc/sys/kernel");
    private static final List<String> NEW_NAME_OPS =
            List.of("mkdir", "create", "symlink", "mkfifo", "mknod-char");

    private static Procfs procLikeTheHost() {
        Procfs proc = Procfs.create();
        proc.createSingle("version", 0444, null, m -> m.puts("Linux version 6.18\n"));
        proc.createSeq("cpuinfo", 0444, null, ProcEntriesIT.lines(3));
        proc.registerSysctl("kernel", Sysctl.intvecMinmax("threads-max", new int[] {10000}, 0644,
                20, 1073741823));
        proc.registerSysctl("kernel", Sysctl.intvec("pid_max", new int[] {4194304}, 0644));
        proc.registerSysctl("kernel/random", Sysctl.intvec("write_wakeup_threshold", new int[] {256}, 0644));
        proc.showProcesses(ProcessSource.host());
        return proc;
    }

    @Test
    void newNamesAreEnoentForRootP9C4() { // P9, C4, T10
        try (TestMount m = TestMount.of(procLikeTheHost().tree())) {
            for (String[] d : new String[][] {{"", "version"}, {"sys/kernel", "threads-max"},
                    {"self", "status"}}) { // a directory and a file in it
                HostOracle.Pairs p = HostOracle.pairs(PROC.resolve(d[0]), m.dir().resolve(d[0]));
                NEW_NAME_OPS.forEach(op -> p.add(op, "pfs_new"));
                p.add("link", d[1], "pfs_new");
                p.add("rename", d[1], "pfs_new");
                // As nobody the FUSE client's permission check on the directory answers EACCES
                // before the server is asked (docs/compat.md, P9).
                assertEquals(List.of(), p.differencesAs(As.ROOT));
            }
        }
    }

    @Test
    void procEntriesAnswerAsTheHostP9P10() { // P9, P10, T10
        try (TestMount m = TestMount.of(procLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(PROC, m.dir());
            p.add("rename", "version", "cpuinfo");      // P9: onto an existing entry, EPERM
            p.add("unlink", "version");                 // P9: EPERM (root), EACCES (nobody)
            p.add("rmdir", "sys");
            p.add("mkdir", "sys");                      // EEXIST
            for (String op : List.of("chmod", "chown", "truncate", "setxattr", "xattrs")) { // P10, K15
                p.add(op, "version");
            }
            p.add("create", "version");                 // O_CREAT of an existing name: open
            p.add("open-w", "version");                 // P6: no open-time check
            assertEquals(List.of(), p.differences());
        }
    }

    @Test
    void sysctlsAnswerAsTheHostC3C4() { // C3, C4, T10
        try (TestMount m = TestMount.of(procLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(SYSCTL, m.dir().resolve("sys/kernel"));
            p.add("rename", "threads-max", "pid_max");  // onto an existing name: EACCES (C4)
            p.add("unlink", "threads-max");             // C4: EACCES, root too
            p.add("rmdir", "random");
            for (String op : List.of("chmod", "chown", "truncate", "setxattr", "xattrs")) { // C4, K15
                p.add(op, "threads-max");
            }
            p.add("open-w", "threads-max");             // C3
            assertEquals(List.of(), p.differences());
        }
    }

    @Test
    void pidFilesAnswerAsTheHostP10() { // P10, P13
        try (TestMount m = TestMount.of(procLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(Path.of("/proc/self"), m.dir().resolve("self"));
            for (String op : List.of("chmod", "chown", "truncate", "open-r", "open-w")) {
                p.add(op, "status");
            }
            p.add("unlink", "status");
            p.add("chmod", ".");                        // the directory itself: EPERM
            p.add("chown", ".");
            assertEquals(List.of(), p.differencesAs(As.ROOT));
        }
    }

    @Test
    void filesWithoutPollMethodPollDefaultMaskP8C7() { // P8, C7, K30 does not apply to procfs
        try (TestMount m = TestMount.of(procLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(PROC, m.dir());
            for (String f : List.of("version", "cpuinfo", "sys/kernel/threads-max", "self/status")) {
                p.add("poll", f);                       // before any read: POLLIN|POLLOUT
                p.add("poll-after-read", f);
            }
            assertEquals(List.of(), p.differences());
            assertEquals(List.of("0x5", "0x5"), HostOracle.both(As.ROOT,
                    Probe.of("poll", SYSCTL.resolve("threads-max")),
                    Probe.of("poll", m.dir().resolve("sys/kernel/threads-max"))));
        }
    }

    @Test
    void seekDataHoleAndIoctlAnswerAsTheHostQ10P7C6() { // Q10, P7, C6, P5 (no proc_ioctl: ENOTTY)
        try (TestMount m = TestMount.of(procLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(PROC, m.dir());
            for (String f : List.of("version", "cpuinfo", "sys/kernel/threads-max", "self/status", "self/cmdline")) {
                p.add("seek-data-hole", f);             // seq_lseek EINVAL, default_llseek, generic
                p.add("ioctl", f);
            }
            p.add("ioctl", "sys/kernel");
            p.add("ioctl", "self");
            assertEquals(List.of(), p.differencesAs(As.ROOT));
        }
    }

    @Test
    void mmapAnswersWhatFuseAllowsP6() { // P6, K34: docs/compat.md says why they differ
        try (TestMount m = TestMount.of(procLikeTheHost().tree())) {
            // The kernel: EIO for an entry without proc_mmap. Through FUSE a shared mapping of a
            // direct_io file is ENODEV, and a private one succeeds but has no page to show:
            // st_size is 0, so the first touch raises SIGBUS.
            assertEquals(List.of("EIO", "ENODEV"), HostOracle.both(As.ROOT,
                    Probe.of("mmap-shared", PROC.resolve("version")),
                    Probe.of("mmap-shared", m.dir().resolve("version"))));
            assertEquals(List.of("EIO", "OK"), HostOracle.both(As.ROOT,
                    Probe.of("mmap-private", PROC.resolve("version")),
                    Probe.of("mmap-private", m.dir().resolve("version"))));
            var touched = m.python("""
                    import ctypes, os
                    libc = ctypes.CDLL(None, use_errno=True)
                    libc.mmap.restype = ctypes.c_void_p
                    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                                          ctypes.c_int, ctypes.c_int, ctypes.c_long]
                    addr = libc.mmap(None, 4096, 1, 2, os.open('version', os.O_RDONLY), 0)
                    print('mapped', flush=True)
                    ctypes.string_at(addr, 1)
                    """);
            assertEquals("mapped\n", touched.out());
            assertEquals(128 + 7, touched.exit()); // killed by SIGBUS
        }
    }
}
