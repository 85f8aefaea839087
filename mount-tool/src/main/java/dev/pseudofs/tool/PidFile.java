package dev.pseudofs.tool;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Keeps the files of the server of each root in one directory, named after the root's
 * absolute path: {@code .lock} (locked by the server for its whole life), {@code .pid} (written
 * once every view answers), {@code .sock} (the control socket), {@code .log} (a background
 * server's output, the previous run's kept as {@code .log.1}).
 *
 * <p>The directory is {@code PSEUDOFS_RUN} (or the system property {@code pseudofs.run}) when
 * given, else /run/pseudofs for root and a directory of each other user's own: under
 * {@code $XDG_RUNTIME_DIR}, else /tmp/pseudofs-UID. It is 0700 and every file 0600 whatever the
 * umask: only the user who runs the servers (and root) can reach them.
 */
final class PidFile {
    private static final Path DIR = runDirectory(System.getProperty("pseudofs.run",
            System.getenv("PSEUDOFS_RUN")), uid(), System.getenv("XDG_RUNTIME_DIR"));
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    /** The lock of the root this process serves: held (never closed) until the process exits. */
    private static FileChannel held;

    private PidFile() {}

    /**
     * Returns the run directory: {@code named} when given, else root's /run/pseudofs, else one of
     * the user's own, which {@link #dir()} checks is theirs (a directory someone else made there
     * in advance is refused, never used).
     */
    static Path runDirectory(String named, long uid, String runtimeDir) {
        if (named != null && !named.isEmpty()) {
            return Path.of(named).toAbsolutePath();
        }
        if (uid == 0) {
            return Path.of("/run/pseudofs");
        }
        if (runtimeDir != null && runtimeDir.startsWith("/")) {
            return Path.of(runtimeDir, "pseudofs");
        }
        return Path.of("/tmp", "pseudofs-" + uid);
    }

    /** Returns the pid file of {@code root}. */
    static Path of(Path root) {
        return DIR.resolve(baseName(DIR, root) + ".pid");
    }

    /**
     * Returns the name the files of {@code root}'s server have in {@code run}: the root's path,
     * URL-encoded, so that a person can tell them apart; or, when that would make the socket's
     * path longer than a Unix socket address holds (107 bytes and the NUL, as the JDK counts), a
     * hash of it.
     */
    static String baseName(Path run, Path root) {
        String path = root.toAbsolutePath().normalize().toString();
        String name = URLEncoder.encode(path, StandardCharsets.UTF_8);
        if (run.toString().getBytes(StandardCharsets.UTF_8).length + name.length() + ".sock".length() + 2 <= 107) {
            return name;
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "r-" + java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** Returns the file {@code root}'s server keeps locked while it lives. */
    static Path lockOf(Path root) {
        return sibling(root, ".lock");
    }

    /** Returns the log file a background server of {@code root} writes. */
    static Path logOf(Path root) {
        return sibling(root, ".log");
    }

    static Path sibling(Path root, String suffix) {
        Path pid = of(root);
        return pid.resolveSibling(pid.getFileName().toString().replace(".pid", suffix));
    }

    /** Returns the uid this process runs as. */
    static long uid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    /** Returns the uid that owns the run directory, or -1 when it cannot be told. */
    static long dirOwner() {
        try {
            return ((Number) Files.getAttribute(DIR, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Creates the run directory (0700) or checks the one there: it must be a directory of this
     * user, and is made 0700 again if an earlier run (or umask 000) left it open.
     */
    static Path dir() throws IOException {
        Files.createDirectories(DIR.getParent());
        try {
            Files.createDirectory(DIR, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (FileAlreadyExistsException e) {
            // checked below
        }
        if (!Files.isDirectory(DIR, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(DIR + " is not a directory");
        }
        long owner = dirOwner();
        if (owner != uid()) {
            throw new IOException(DIR + " belongs to uid " + owner + ", not to uid " + uid()
                    + "; set PSEUDOFS_RUN to a directory of your own");
        }
        Files.setPosixFilePermissions(DIR, DIR_MODE);
        return DIR;
    }

    /** Makes {@code file} (in the run directory) 0600, whatever the umask was. */
    static void restrict(Path file) throws IOException {
        Files.setPosixFilePermissions(file, FILE_MODE);
    }

    private static FileAttribute<Set<PosixFilePermission>> fileMode() {
        return PosixFilePermissions.asFileAttribute(FILE_MODE);
    }

    /** Writes this process's pid for {@code root} (0600). */
    static void write(Path root) throws IOException {
        dir();
        Path tmp = of(root).resolveSibling(of(root).getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, fileMode());
        restrict(tmp);
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
        Files.move(tmp, of(root), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Returns the live process recorded for {@code root}, if any (readiness only: never signalled). */
    static Optional<ProcessHandle> read(Path root) {
        try {
            long pid = Long.parseLong(Files.readString(of(root)).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the pid file of {@code root}. */
    static void delete(Path root) {
        try {
            Files.deleteIfExists(of(root));
        } catch (IOException e) {
            // nothing to do: a stale pid file is ignored, and removed by the next claim
        }
    }

    /** Thrown when a live server already holds a root. */
    static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(Path root, OptionalLong pid) {
            super("a pseudofs server " + (pid.isPresent() ? "(pid " + pid.getAsLong() + ") " : "")
                    + "already serves " + root.toAbsolutePath().normalize()
                    + "; stop it with pseudofs umount " + root.toAbsolutePath().normalize());
        }
    }

    /**
     * Makes this process the one server of {@code root}: locks its lock file for as long as the
     * process lives (the kernel drops the lock when it dies, kill -9 included), then removes
     * the pid file and socket a dead server left. With {@code keep} false the lock is dropped
     * again at once: a check that no server is alive, which cleans the stale files.
     *
     * <p>Lock files are never removed: removing one while a starter has it open would let two
     * servers lock two different files.
     *
     * @throws Busy naming the live server's pid, with its files left alone
     */
    static void claim(Path root, boolean keep) throws IOException {
        dir();
        Path lock = lockOf(root);
        FileChannel ch = FileChannel.open(lock, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), fileMode());
        FileLock l;
        try {
            restrict(lock);
            l = ch.tryLock();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            throw new Busy(root, holder(root));
        }
        delete(root);
        Files.deleteIfExists(Control.socketOf(root));
        if (keep) {
            held = ch;
        } else {
            ch.close();
        }
    }

    /**
     * Returns the pid of the process that holds {@code root}'s lock, as the kernel reports it in
     * /proc/locks; empty when no process holds it (no server is alive).
     *
     * @throws AccessDeniedException when this user cannot see the run directory
     */
    static OptionalLong holder(Path root) throws IOException {
        Path lock = lockOf(root);
        if (!Files.exists(DIR, LinkOption.NOFOLLOW_LINKS)) {
            return OptionalLong.empty();
        }
        Object ino;
        long dev;
        try {
            ino = Files.getAttribute(lock, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            dev = ((Number) Files.getAttribute(lock, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (java.nio.file.NoSuchFileException e) {
            return OptionalLong.empty();
        }
        // /proc/locks: "1: POSIX  ADVISORY  WRITE 4242 fe:00:2146541 0 EOF" (major:minor in hex).
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        String id = String.format("%02x:%02x:%s", major, minor, ino);
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[1].equals("POSIX") && f[5].equals(id)) {
                return OptionalLong.of(Long.parseLong(f[4]));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Starts the log of a background server of {@code root} afresh (0600), keeping the previous
     * run's as {@code .log.1}; returns its path.
     */
    static Path freshLog(Path root) throws IOException {
        dir();
        Path log = logOf(root);
        if (Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
            Path previous = log.resolveSibling(log.getFileName() + ".1");
            Files.move(log, previous, StandardCopyOption.REPLACE_EXISTING);
            restrict(previous); // an older version may have left it world-readable
        }
        Files.createFile(log, fileMode());
        restrict(log);
        return log;
    }
}
