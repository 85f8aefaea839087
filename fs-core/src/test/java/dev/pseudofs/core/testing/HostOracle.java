package dev.pseudofs.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same syscall probes on the host kernel's file and on ours, as root and as uid 65534,
 * and reports where the answers differ: the host kernel is the oracle for errnos and poll masks.
 *
 * <p>A probe is an operation and its paths ({@link Probe}); each runs in one python3 process per
 * side and user, and answers {@code OK}, an errno name ({@code EPERM}), or for poll the revents
 * in hex. Every probe leaves the host as it found it: chmod and chown set the current values,
 * new names are ones the kernel refuses, and {@code write-after-chmod} restores the mode.
 */
public final class HostOracle {
    /** Who runs a probe. */
    public enum As {
        /** uid 0 with every capability. */
        ROOT,
        /** uid and gid 65534 without supplementary groups (setpriv). */
        NOBODY
    }

    /**
     * Is one probe. Operations: {@code mkdir rmdir unlink create symlink mkfifo mknod-char link
     * rename chmod chown truncate setxattr xattrs open-r open-w poll poll-after-read mmap-private
     * mmap-shared write-after-chmod seek-data-hole ioctl}; {@code link} and {@code rename} take two paths;
     * {@code xattrs} runs a sequence of xattr calls (K15) and answers each, comma-separated;
     * {@code seek-data-hole} answers lseek SEEK_DATA, then SEEK_HOLE, from offsets 0, 1, 100,
     * 4095, 4096, 5000 and -1, comma-separated; {@code ioctl} sends an _IOR command no pseudo
     * file knows (ENOTTY on the host).
     */
    public record Probe(String op, List<String> paths) {
        /** Returns the probe {@code op} on {@code paths}. */
        public static Probe of(String op, Object... paths) {
            List<String> p = new ArrayList<>();
            for (Object o : paths) {
                p.add(o.toString());
            }
            return new Probe(op, p);
        }

        String arg() {
            return op + "\t" + String.join("\t", paths);
        }

        @Override
        public String toString() {
            return op + " " + String.join(" ", paths);
        }
    }

    private static final String PROGRAM = """
            import ctypes, errno, fcntl, os, select, stat, sys
            libc = ctypes.CDLL(None, use_errno=True)
            libc.mmap.restype = ctypes.c_void_p
            libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                                  ctypes.c_int, ctypes.c_long]
            libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
            def run(op, a):
                if op == 'mkdir': os.mkdir(a[0], 0o755)
                elif op == 'rmdir': os.rmdir(a[0])
                elif op == 'unlink': os.unlink(a[0])
                elif op == 'create': os.close(os.open(a[0], os.O_CREAT | os.O_WRONLY, 0o644))
                elif op == 'symlink': os.symlink('x', a[0])
                elif op == 'mkfifo': os.mknod(a[0], stat.S_IFIFO | 0o644)
                elif op == 'mknod-char': os.mknod(a[0], stat.S_IFCHR | 0o644, os.makedev(1, 3))
                elif op == 'link': os.link(a[0], a[1])
                elif op == 'rename': os.rename(a[0], a[1])
                elif op == 'chmod': os.chmod(a[0], stat.S_IMODE(os.lstat(a[0]).st_mode))
                elif op == 'chown':
                    st = os.lstat(a[0]); os.chown(a[0], st.st_uid, st.st_gid)
                elif op == 'truncate': os.truncate(a[0], 0)
                elif op == 'setxattr': os.setxattr(a[0], 'user.pseudofs', b'1')
                elif op == 'xattrs': return ','.join(xattrs(a[0]))
                elif op in ('open-r', 'open-w'):
                    os.close(os.open(a[0], os.O_RDONLY if op == 'open-r' else os.O_WRONLY))
                elif op in ('poll', 'poll-after-read'):
                    fd = os.open(a[0], os.O_RDONLY)
                    try:
                        if op == 'poll-after-read': os.read(fd, 4096)
                        p = select.poll()
                        p.register(fd, select.POLLIN | select.POLLPRI | select.POLLOUT)
                        ev = p.poll(0)
                        return hex(ev[0][1] if ev else 0)
                    finally: os.close(fd)
                elif op in ('mmap-private', 'mmap-shared'):
                    fd = os.open(a[0], os.O_RDONLY)
                    try:
                        addr = libc.mmap(None, 4096, 1, 2 if op == 'mmap-private' else 1, fd, 0)
                        if addr is None or addr == ctypes.c_void_p(-1).value:
                            raise OSError(ctypes.get_errno(), 'mmap')
                        libc.munmap(addr, 4096)
                    finally: os.close(fd)
                elif op == 'seek-data-hole':
                    fd = os.open(a[0], os.O_RDONLY)
                    try:
                        out = []
                        for w in (os.SEEK_DATA, os.SEEK_HOLE):
                            for off in (0, 1, 100, 4095, 4096, 5000, -1):
                                try: out.append(str(os.lseek(fd, off, w)))
                                except OSError as e: out.append(errno.errorcode.get(e.errno, str(e.errno)))
                        return ','.join(out)
                    finally: os.close(fd)
                elif op == 'ioctl':
                    fd = os.open(a[0], os.O_RDONLY)
                    try: fcntl.ioctl(fd, 0x80087001, bytes(8))  # _IOR('p', 1, 8): no pseudo file's
                    finally: os.close(fd)
                elif op == 'write-after-chmod':
                    mode = stat.S_IMODE(os.stat(a[0]).st_mode)
                    os.chmod(a[0], mode | 0o200)
                    try:
                        fd = os.open(a[0], os.O_WRONLY)
                        try: os.write(fd, b'1\\n')
                        finally: os.close(fd)
                    finally: os.chmod(a[0], mode)
                else: raise SystemExit('unknown probe ' + op)
                return 'OK'
            def xattrs(p):
                def step(f):
                    try:
                        r = f()
                        return 'OK' if r is None else repr(r)
                    except OSError as e: return errno.errorcode.get(e.errno, str(e.errno))
                def small():
                    libc.getxattr.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
                    b = ctypes.create_string_buffer(1)
                    if libc.getxattr(p.encode(), b'trusted.pseudofs', b, 1) < 0:
                        raise OSError(ctypes.get_errno(), 'getxattr')
                def ours():
                    return sorted(n for n in os.listxattr(p) if 'pseudofs' in n)
                return [step(lambda: os.setxattr(p, 'trusted.pseudofs', b'one')),
                        step(lambda: os.getxattr(p, 'trusted.pseudofs')),
                        step(small),
                        step(lambda: os.setxattr(p, 'trusted.pseudofs', b'1', os.XATTR_CREATE)),
                        step(lambda: os.setxattr(p, 'trusted.pseudofs2', b'1', os.XATTR_REPLACE)),
                        step(lambda: os.getxattr(p, 'trusted.pseudofs-missing')),
                        step(lambda: os.getxattr(p, 'user.pseudofs')),
                        step(lambda: os.setxattr(p, 'user.pseudofs', b'1')),
                        step(lambda: os.removexattr(p, 'user.pseudofs')),
                        step(lambda: os.setxattr(p, 'security.pseudofs', b'two')),
                        step(lambda: os.getxattr(p, 'security.pseudofs')),
                        step(ours),
                        step(lambda: os.removexattr(p, 'trusted.pseudofs')),
                        step(lambda: os.removexattr(p, 'trusted.pseudofs')),
                        step(lambda: os.removexattr(p, 'security.pseudofs')),
                        step(ours)]
            for spec in sys.argv[1:]:
                op, *a = spec.split('\\t')
                try: r = run(op, a)
                except OSError as e: r = errno.errorcode.get(e.errno, str(e.errno))
                print(r, flush=True)
            """;

    private HostOracle() {}

    /** Returns the answers of {@code probes}, one per probe, run by {@code who} in {@code dir}. */
    public static List<String> run(As who, Path dir, List<Probe> probes) {
        List<String> cmd = new ArrayList<>();
        if (who == As.NOBODY) {
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        // An absolute interpreter: a per-user shim on root's PATH is not executable by nobody.
        cmd.add(Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
        cmd.addAll(List.of("-c", PROGRAM));
        for (Probe p : probes) {
            cmd.add(p.arg());
        }
        Shell.Result r = Shell.run(dir, cmd);
        List<String> answers = r.out().lines().toList();
        if (r.exit() != 0 || answers.size() != probes.size()) {
            throw new AssertionError("probe program failed (exit " + r.exit() + "): " + r.err());
        }
        return answers;
    }

    /**
     * Runs {@code host.get(i)} and {@code ours.get(i)} as each of {@code users} and returns one line
     * per answer that differs ("as ROOT: mkdir /sys/kernel/x: host EPERM, ours EACCES"); empty
     * when every answer matches.
     */
    public static List<String> differences(List<Probe> host, List<Probe> ours, As... users) {
        if (host.size() != ours.size()) {
            throw new IllegalArgumentException("host and ours need the same number of probes");
        }
        List<String> diffs = new ArrayList<>();
        Path tmp = Path.of("/tmp");
        for (As who : users) {
            List<String> h = run(who, tmp, host);
            List<String> o = run(who, tmp, ours);
            for (int i = 0; i < host.size(); i++) {
                if (!h.get(i).equals(o.get(i))) {
                    diffs.add("as " + who + ": " + host.get(i) + ": host " + h.get(i) + ", ours "
                            + o.get(i) + " (" + ours.get(i) + ")");
                }
            }
        }
        return diffs;
    }

    /** Returns a list of probes that name nodes by their path below {@code host} and {@code ours}. */
    public static Pairs pairs(Path host, Path ours) {
        return new Pairs(host, ours);
    }

    /** Collects probes that run on the same relative names in the host's directory and ours. */
    public static final class Pairs {
        private final Path host;
        private final Path ours;
        private final List<Probe> hostProbes = new ArrayList<>();
        private final List<Probe> ourProbes = new ArrayList<>();

        private Pairs(Path host, Path ours) {
            this.host = host;
            this.ours = ours;
        }

        /** Adds {@code op} on {@code names}, paths relative to both directories. */
        public Pairs add(String op, String... names) {
            Object[] h = new Object[names.length];
            Object[] o = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                h[i] = host.resolve(names[i]);
                o[i] = ours.resolve(names[i]);
            }
            hostProbes.add(Probe.of(op, h));
            ourProbes.add(Probe.of(op, o));
            return this;
        }

        /** Adds {@code op} on {@code hostName} in the host's directory and {@code ourName} in ours. */
        public Pairs addMapped(String op, String hostName, String ourName) {
            hostProbes.add(Probe.of(op, host.resolve(hostName)));
            ourProbes.add(Probe.of(op, ours.resolve(ourName)));
            return this;
        }

        /** Runs every probe as root and as nobody; see {@link HostOracle#differences}. */
        public List<String> differences() {
            return HostOracle.differences(hostProbes, ourProbes, As.values());
        }

        /** Runs every probe as {@code who} only (where FUSE makes the other user differ). */
        public List<String> differencesAs(As who) {
            return HostOracle.differences(hostProbes, ourProbes, who);
        }
    }

    /** Returns the answers on the host and on ours for one user, for tests that pin both. */
    public static List<String> both(As who, Probe host, Probe ours) {
        Path tmp = Path.of("/tmp");
        return List.of(run(who, tmp, List.of(host)).get(0), run(who, tmp, List.of(ours)).get(0));
    }

    /**
     * Mounts the host's debugfs on /sys/kernel/debug when it is not mounted there and returns
     * whether it did; pass the answer to {@link #releaseDebugfs}, which undoes only that.
     */
    public static boolean ensureDebugfs() {
        if (mounted("/sys/kernel/debug", "debugfs")) {
            return false;
        }
        Shell.Result r = Shell.run(Path.of("/"), List.of("mount", "-t", "debugfs", "none", "/sys/kernel/debug"));
        if (r.exit() != 0) {
            throw new AssertionError("cannot mount the host's debugfs: " + r.err());
        }
        return true;
    }

    /** Unmounts the host's debugfs if {@code mountedByUs} (the answer of {@link #ensureDebugfs}). */
    public static void releaseDebugfs(boolean mountedByUs) {
        if (mountedByUs) {
            Shell.run(Path.of("/"), List.of("umount", "/sys/kernel/debug"));
        }
    }

    private static boolean mounted(String where, String type) {
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 2 && f[1].equals(where) && f[2].equals(type));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
