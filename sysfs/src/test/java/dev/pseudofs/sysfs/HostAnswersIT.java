package dev.pseudofs.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pseudofs.core.Kstrtox;
import dev.pseudofs.core.testing.HostOracle;
import dev.pseudofs.core.testing.HostOracle.As;
import dev.pseudofs.core.testing.HostOracle.Probe;
import dev.pseudofs.core.testing.TestMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs each probe on the host's /sys/kernel and on a sysfs of ours that has the same kinds of
 * nodes (a 0644 attribute, a 0444 one without store, a 0444 binary attribute, a subdirectory),
 * as root and as nobody, and expects the same errno or poll mask.
 */
@Tag("mount")
class HostAnswersIT {
    private static final Path HOST = Path.of("/sys/kernel");

    private static Sysfs sysfsLikeTheHost() {
        Sysfs sysfs = Sysfs.create();
        Kobject k = sysfs.kernel();
        int[] value = {0};
        k.createFile(Attribute.of("rcu_expedited", 0644, (o, buf) -> buf.emit("%d\n", value[0]),
                (o, in) -> {
                    value[0] = Kstrtox.kstrtoint(in.text(), 0);
                    return in.count();
                }));
        k.createFile(Attribute.of("address_bits", 0444, (o, buf) -> buf.emit("64\n"), null));
        k.createBinFile(BinAttribute.ofBytes("notes", 0444, new byte[164]));
        Kobject mm = Kobject.createAndAdd("mm", k);
        Kobject.createAndAdd("slab", k).createLink(mm, "task_delay_info"); // a sysfs symlink
        return sysfs;
    }

    @Test
    void namespaceOperationsAnswerAsTheHostK8K9K13K14K15() { // K8, K9, K13, K14, K15, T10
        try (TestMount m = TestMount.of(sysfsLikeTheHost().tree())) {
            Path ours = m.dir().resolve("kernel");
            HostOracle.Pairs p = HostOracle.pairs(HOST, ours);
            for (String op : List.of("mkdir", "create", "symlink", "mkfifo", "mknod-char", "unlink", "rmdir")) {
                p.add(op, "pfs_new");
            }
            p.add("link", "rcu_expedited", "pfs_new");    // K9: link EPERM
            p.add("rename", "rcu_expedited", "pfs_new");  // K8
            p.add("rename", "mm", "pfs_new");
            p.add("rmdir", "mm");
            p.add("mkdir", "mm");                         // K9: EEXIST
            p.add("unlink", "rcu_expedited");
            p.add("unlink", "mm");
            p.add("unlink", "slab/task_delay_info");            // K9: unlink of a sysfs symlink, EPERM
            p.add("rename", "slab/task_delay_info", "slab/pfs_new");
            for (String op : List.of("chmod", "chown", "truncate", "setxattr")) { // K13, K14, K15
                p.add(op, "rcu_expedited");
                p.add(op, "mm");
            }
            p.add("xattrs", "rcu_expedited");             // K15: trusted.*, security.* kept; user.* refused
            p.add("xattrs", "mm");
            p.add("create", "rcu_expedited");             // O_CREAT of an existing name: open
            p.add("open-r", "notes");
            p.add("open-w", "address_bits");              // K17
            p.add("open-w", "notes");
            assertEquals(List.of(), p.differences());
        }
    }

    @Test
    void emptyMountPointRefusesNewNamesWithEnoentK10() throws IOException { // K10 (nothing is mounted on tracing)
        // The host is the oracle only while its /sys/kernel/tracing is an empty mount point:
        // perf, for one, mounts tracefs there.
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains(" /sys/kernel/tracing "),
                "tracefs is mounted on this host's /sys/kernel/tracing: umount it to run this test");
        try (TestMount m = TestMount.of(sysfsLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(HOST, m.dir().resolve("kernel"));
            for (String op : List.of("mkdir", "create", "symlink", "mkfifo", "mknod-char")) {
                p.add(op, "tracing/pfs_new");
            }
            p.add("link", "rcu_expedited", "tracing/pfs_new");
            p.add("rename", "rcu_expedited", "tracing/pfs_new");
            p.add("rmdir", "tracing");
            // As nobody the FUSE client's permission check on the 0555 directory answers EACCES
            // before the server is asked (docs/compat.md, P9 and K10).
            assertEquals(List.of(), p.differencesAs(As.ROOT));
        }
    }

    @Test
    void pollOfAnAttributeMatchesTheHostK30K31() { // K30, K31
        try (TestMount m = TestMount.of(sysfsLikeTheHost().tree())) {
            Path ours = m.dir().resolve("kernel");
            HostOracle.Pairs p = HostOracle.pairs(HOST, ours);
            p.add("poll", "rcu_expedited");            // never read: IN|OUT|PRI|ERR
            p.add("poll-after-read", "rcu_expedited"); // read: IN|OUT
            p.add("poll", "notes");
            assertEquals(List.of(), p.differences());
            assertEquals(List.of("0xf", "0xf"), HostOracle.both(As.ROOT,
                    Probe.of("poll", HOST.resolve("rcu_expedited")), Probe.of("poll", ours.resolve("rcu_expedited"))));
        }
    }

    @Test
    void seekDataHoleAndIoctlAnswerAsTheHostK23S20() { // K23, S20: generic_file_llseek; no ioctl
        try (TestMount m = TestMount.of(sysfsLikeTheHost().tree())) {
            HostOracle.Pairs p = HostOracle.pairs(HOST, m.dir().resolve("kernel"));
            for (String f : List.of("rcu_expedited", "address_bits", "notes")) {
                p.add("seek-data-hole", f);
                p.add("ioctl", f);
            }
            p.add("ioctl", "mm");
            assertEquals(List.of(), p.differences());
        }
    }

    @Test
    void chmodWritableWithoutStoreFailsWhereTheHostDoesS8K17() { // S8, K17
        try (TestMount m = TestMount.of(sysfsLikeTheHost().tree())) {
            Path ours = m.dir().resolve("kernel");
            // A text attribute: the ktype's store dispatcher answers EIO at write (S8); a binary
            // attribute without write has no kernfs write op: open for write fails (K17).
            assertEquals(List.of("EIO", "EIO"), HostOracle.both(As.ROOT,
                    Probe.of("write-after-chmod", HOST.resolve("address_bits")),
                    Probe.of("write-after-chmod", ours.resolve("address_bits"))));
            assertEquals(List.of("EACCES", "EACCES"), HostOracle.both(As.ROOT,
                    Probe.of("write-after-chmod", HOST.resolve("notes")),
                    Probe.of("write-after-chmod", ours.resolve("notes"))));
            assertEquals("0444", m.sh("stat -c 0%a kernel/address_bits kernel/notes | sort -u").ok().trim());
        }
    }

    @Test
    void mmapSharedIsRefusedAsByTheHostK34() { // K34
        try (TestMount m = TestMount.of(sysfsLikeTheHost().tree())) {
            Path ours = m.dir().resolve("kernel");
            assertEquals(List.of("ENODEV", "ENODEV"), HostOracle.both(As.ROOT,
                    Probe.of("mmap-shared", HOST.resolve("rcu_expedited")),
                    Probe.of("mmap-shared", ours.resolve("rcu_expedited"))));
        }
    }

    @Test
    void mmapPrivateIsServedByOneReadOfThePageK34() { // K34: docs/compat.md says why it differs
        try (TestMount m = TestMount.of(sysfsLikeTheHost().tree())) {
            Path ours = m.dir().resolve("kernel");
            // The kernel refuses every mmap of a text attribute; through FUSE a private mapping
            // is the page cache's, filled by one read of the page at offset 0.
            assertEquals(List.of("ENODEV", "OK"), HostOracle.both(As.ROOT,
                    Probe.of("mmap-private", HOST.resolve("rcu_expedited")),
                    Probe.of("mmap-private", ours.resolve("rcu_expedited"))));
            m.sh("echo 5 > kernel/rcu_expedited").ok();
            String out = m.python("""
                    import ctypes, os
                    libc = ctypes.CDLL(None, use_errno=True)
                    libc.mmap.restype = ctypes.c_void_p
                    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                                          ctypes.c_int, ctypes.c_int, ctypes.c_long]
                    fd = os.open('kernel/rcu_expedited', os.O_RDONLY)
                    addr = libc.mmap(None, 4096, 1, 2, fd, 0)
                    page = ctypes.string_at(addr, 4096)
                    print(repr(page[:2]), page[2:] == bytes(4094))
                    """).ok();
            assertEquals("b'5\\n' True\n", out); // the show's text, then zeros up to st_size
        }
    }
}
