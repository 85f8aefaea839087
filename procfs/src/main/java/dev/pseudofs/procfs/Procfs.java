package dev.pseudofs.procfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Ioctl;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Llseek;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.SeqOperations;
import dev.pseudofs.core.SeqShow;
import dev.pseudofs.core.Stat;
import dev.pseudofs.core.Store;
import dev.pseudofs.core.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a proc filesystem: a {@link Tree} whose root is /proc (mode 0555), with /proc/sys,
 * and the kernel's entry API (fs/proc/generic.c, P1-P3) to fill it.
 *
 * <p>Wherever a method takes a {@code parent}, {@code null} means /proc itself, as in the
 * kernel. An entry name may contain '/' to address an existing subdirectory of the parent
 * (P2). Where the kernel refuses a name with NULL and a WARN (a bad or duplicate name, an
 * all-digit name in /proc), this class throws {@link IllegalArgumentException}: it is a
 * programmer error, and nothing of it reaches user space.
 */
public final class Procfs {
    private static final Logger log = LoggerFactory.getLogger(Procfs.class);

    private final Tree tree;
    private final Dir sys;

    private Procfs(Tree tree) {
        this.tree = tree;
        this.sys = tree.root().createDir("sys", 0555, ProcPolicies.SYSCTL);
    }

    /** Creates an empty /proc (only /proc/sys) with procfs's policy. */
    public static Procfs create() {
        return new Procfs(Tree.create(ProcPolicies.PROC, 0555));
    }

    /** Returns the tree to mount. */
    public Tree tree() {
        return tree;
    }

    /** Returns /proc itself. */
    public Dir root() {
        return tree.root();
    }

    /** Returns /proc/sys, where sysctl tables go. */
    public Dir sysRoot() {
        return sys;
    }

    // ---- proc_create and friends ---------------------------------------------------------

    /** Creates a file whose reads and writes go to {@code ops} (proc_create). */
    public File procCreate(String name, int mode, Dir parent, ProcOps ops) {
        Objects.requireNonNull(ops, "ops");
        return createFile(name, mode, parent, FileOps.raw(ops));
    }

    /**
     * Creates a file whose reads and writes go to {@code ops} and whose ioctl(2) commands go to
     * {@code ioctl} (proc_create with a proc_ops that has proc_ioctl; P5).
     */
    public File procCreate(String name, int mode, Dir parent, ProcOps ops, Ioctl ioctl) {
        Objects.requireNonNull(ops, "ops");
        return createFile(name, mode, parent, FileOps.raw(ops).withIoctl(ioctl));
    }

    /** Creates a read-only file whose whole content one {@code show} prints (proc_create_single). */
    public File createSingle(String name, int mode, Dir parent, SeqShow show) {
        return createSingle(name, mode, parent, show, null);
    }

    /**
     * Creates a single_open file whose writes go to {@code write} ({@code null}: write(2) is EIO,
     * P6), as proc_create_data with single_open and a proc_write.
     */
    public File createSingle(String name, int mode, Dir parent, SeqShow show, Store write) {
        Objects.requireNonNull(show, "show");
        return createFile(name, mode, parent, FileOps.single(show, orEio(write)));
    }

    /** Creates a read-only seq_file entry driven by {@code ops} (proc_create_seq). */
    public <P> File createSeq(String name, int mode, Dir parent, SeqOperations<P> ops) {
        Objects.requireNonNull(ops, "ops");
        return createFile(name, mode, parent, FileOps.seq(ops, orEio(null)));
    }

    /** Creates a directory of mode 0555 (proc_mkdir). */
    public Dir procMkdir(String name, Dir parent) {
        return procMkdir(name, 0, parent);
    }

    /** Creates a directory; no permission bits means 0555 (proc_mkdir_mode, P3). */
    public Dir procMkdir(String name, int mode, Dir parent) {
        int perms = mode & Node.PERMISSION_BITS;
        Place at = place(name, parent);
        return at.dir.createDir(at.name, perms == 0 ? 0555 : perms);
    }

    /** Creates a symbolic link whose text is {@code dest}; st_size is its length (proc_symlink, P3). */
    public Link procSymlink(String name, Dir parent, String dest) {
        Place at = place(name, parent);
        return at.dir.createLink(at.name, dest);
    }

    /**
     * Removes the entry {@code name} of {@code parent} and everything below it
     * (remove_proc_entry): open files then answer EIO (P8), lookups ENOENT. A missing name is
     * logged, as the kernel's WARN.
     */
    public void removeProcEntry(String name, Dir parent) {
        Dir dir = parent == null ? root() : parent;
        String[] parts = name.split("/", -1);
        Node n = dir;
        for (String part : parts) {
            n = n instanceof Dir d ? d.lookup(part) : null;
            if (n == null) {
                log.warn("remove_proc_entry: name '{}' not found in {}", name, dir.path());
                return;
            }
        }
        n.remove();
    }

    /** Removes {@code entry} and everything below it (proc_remove, remove_proc_subtree). */
    public static void procRemove(Node entry) {
        if (entry != null) {
            entry.remove();
        }
    }

    // ---- sysctl ---------------------------------------------------------------------------

    /**
     * Registers {@code table} under /proc/sys/{@code path} (register_sysctl), creating the
     * directories on the way (0555, nlink 1, C1); each row becomes a file of exactly the row's
     * mode (C1). A name already present is a programmer error, as the kernel's "sysctl
     * duplicate entry".
     */
    public SysctlHeader registerSysctl(String path, Sysctl... table) {
        synchronized (sys) {
            Dir dir = sys;
            for (String part : path.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                Node n = dir.lookup(part);
                if (n == null) {
                    n = dir.createDir(part, 0555);
                } else if (!(n instanceof Dir)) {
                    throw new IllegalArgumentException("sysctl path component is a file: " + n.path());
                }
                dir = (Dir) n;
            }
            List<File> files = new ArrayList<>();
            try {
                for (Sysctl row : table) {
                    if (ProcNames.refusal(row.procname(), false) != null || row.procname().contains("/")) {
                        throw new IllegalArgumentException("bad sysctl name: " + row.procname());
                    }
                    if (dir.lookup(row.procname()) != null) {
                        throw new IllegalArgumentException("sysctl duplicate entry: "
                                + dir.path() + "/" + row.procname());
                    }
                    files.add(dir.createFile(row.procname(), row.mode(),
                            FileOps.raw(new SysctlFile(row)).withLlseek(Llseek.DEFAULT))); // C6
                }
            } catch (RuntimeException e) {
                new SysctlHeader(sys, dir, files).unregister();
                throw e;
            }
            return new SysctlHeader(sys, dir, files);
        }
    }

    // ---- /proc/PID and /proc/self ------------------------------------------------------------

    /**
     * Shows the processes of {@code source} as /proc/PID directories, filled on demand, and adds
     * the /proc/self link that resolves to the reading process (P12-P16).
     */
    public void showProcesses(ProcessSource source) {
        PidDirectories pids = new PidDirectories(source);
        root().setOps(pids);
        root().createLink("self", pids::self);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private File createFile(String name, int mode, Dir parent, FileOps ops) {
        Place at = place(name, parent);
        return at.dir.createFile(at.name, regularMode(mode), ops);
    }

    /** Returns the permission bits of a regular entry: S_IFREG implied, none means 0444 (P3). */
    static int regularMode(int mode) {
        int type = mode & Stat.S_IFMT;
        if (type != 0 && type != Stat.S_IFREG) {
            throw new IllegalArgumentException("proc file mode is not regular: 0" + Integer.toOctalString(mode));
        }
        int perms = mode & Node.PERMISSION_BITS;
        return perms == 0 ? 0444 : perms;
    }

    private static Store orEio(Store write) {
        return write != null ? write : in -> {
            throw FsException.io("no proc_write"); // P6
        };
    }

    private record Place(Dir dir, String name) {}

    // xlate_proc_name + __proc_create: walk the existing subdirectories, check the last name.
    private Place place(String name, Dir parent) {
        Objects.requireNonNull(name, "name");
        Dir dir = parent == null ? root() : parent;
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            for (String part : name.substring(0, slash).split("/", -1)) {
                if (!(dir.lookup(part) instanceof Dir sub)) {
                    throw new IllegalArgumentException("proc: no directory '" + part + "' for " + name);
                }
                dir = sub;
            }
        }
        String last = name.substring(slash + 1);
        String why = ProcNames.refusal(last, dir == root());
        if (why != null) {
            throw new IllegalArgumentException("proc: refusing '" + name + "': " + why);
        }
        if (dir.lookup(last) != null) {
            throw new IllegalArgumentException("proc_dir_entry '" + dir.path() + "/" + last
                    + "' already registered");
        }
        return new Place(dir, last);
    }
}
