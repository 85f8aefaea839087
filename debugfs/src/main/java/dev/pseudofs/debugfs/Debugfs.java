package dev.pseudofs.debugfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Llseek;
import dev.pseudofs.core.MountOptions;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.Policy;
import dev.pseudofs.core.RawOps;
import dev.pseudofs.core.SeqOperations;
import dev.pseudofs.core.SeqShow;
import dev.pseudofs.core.Store;
import dev.pseudofs.core.Tree;
import dev.pseudofs.core.fuse.Mount;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Is one debugfs instance: the tree mounted at {@code /sys/kernel/debug} and the kernel's
 * {@code debugfs_create_*} API (fs/debugfs/inode.c and file.c).
 *
 * <p>A {@code null} parent means the root, as in the kernel. Directories are 0755 and the
 * root 0700 (D1). Users cannot change the tree: mkdir, rmdir, unlink, rename and symlink are
 * EPERM and O_CREAT of a new name EACCES; ordinary permission bits apply and root bypasses them
 * (D3). Directories list in creation order (D4). After removal, open descriptors read and
 * write EIO and new opens get ENOENT (D5). A duplicate name fails with EEXIST (D4).
 *
 * <p>The typed helpers keep no copy of the value: each read calls the program's holder (an
 * atomic or a getter) and each accepted write calls its setter.
 */
public final class Debugfs {
    /** Where debugfs is usually mounted (D1). */
    public static final String MOUNT_POINT = "/sys/kernel/debug";
    /** The mode of the root directory unless the mount says otherwise (D1). */
    public static final int ROOT_MODE = 0700;
    /** The mode of directories created by {@link #createDir} (D4). */
    public static final int DIR_MODE = 0755;

    /** debugfs over kernfs: plain DAC, EIO after removal, creation order, no write limit. */
    private static final Policy POLICY = Policy.kernfs().toBuilder()
            .openCheck(Policy.OpenCheck.NONE)       // D3
            .xattrs(false)                          // no xattr handlers (K15 observed: EOPNOTSUPP)
            .removedErrno(Errno.EIO)                // D5
            .order(Policy.DirOrder.CREATION)        // D4
            .writeLimit(Policy.WriteLimit.NONE)     // D7
            .poll(Policy.Poll.DEBUGFS)              // D5: full_proxy_poll
            .renameFlagsError(null)                 // no rename inode operation (D3)
            .build();                               // namespace errnos: kernfs's (D3)

    private final Tree tree; // immutable

    private Debugfs(int rootMode) {
        this.tree = Tree.create(POLICY, rootMode);
    }

    /** Creates an empty debugfs whose root is mode 0700. */
    public static Debugfs create() {
        return new Debugfs(ROOT_MODE);
    }

    /** Creates an empty debugfs whose root has {@code rootMode} (the mount option mode=). */
    public static Debugfs create(int rootMode) {
        return new Debugfs(rootMode);
    }

    /** Returns the policy every debugfs node carries. */
    public static Policy policy() {
        return POLICY;
    }

    /** Returns the tree, for mounting or driving it directly. */
    public Tree tree() {
        return tree;
    }

    /** Returns the root directory. */
    public Dir root() {
        return tree.root();
    }

    /** Mounts this debugfs at {@code dir} with fsname "debugfs"; close the mount to undo it. */
    public Mount mount(Path dir) {
        return Mount.mount(tree, dir, MountOptions.defaults().withFsName("debugfs"));
    }

    private Dir dir(Dir parent) {
        return parent == null ? tree.root() : parent;
    }

    // ---- the tree (fs/debugfs/inode.c) ---------------------------------------------------

    /** Creates a directory, mode 0755 (debugfs_create_dir). */
    public Dir createDir(String name, Dir parent) {
        return dir(parent).createDir(name, DIR_MODE);
    }

    /** Creates a file with custom operations and st_size 0 (debugfs_create_file, D4, D7). */
    public File createFile(String name, int mode, Dir parent, FileOps fops) {
        return dir(parent).createFile(name, mode, fops);
    }

    /** Creates a file whose read and write are {@code ops}' own; missing ones are EINVAL (D6). */
    public File createFile(String name, int mode, Dir parent, RawOps ops) {
        return createFile(name, mode, parent, FileOps.raw(ops));
    }

    /** Creates a file with custom operations that stats with {@code size} (debugfs_create_file_size). */
    public File createFileSize(String name, int mode, Dir parent, FileOps fops, long size) {
        return dir(parent).createFile(name, mode, fops, size);
    }

    /** Creates a symbolic link whose text is {@code target}, verbatim (debugfs_create_symlink). */
    public Link createSymlink(String name, Dir parent, String target) {
        return dir(parent).createLink(name, target);
    }

    /** Returns the child {@code name} of {@code parent}, or {@code null} (debugfs_lookup). */
    public Node lookup(String name, Dir parent) {
        return dir(parent).lookup(name);
    }

    /** Removes a node and everything below it (debugfs_remove); null is ignored. */
    public void remove(Node node) {
        if (node != null) {
            node.remove();
        }
    }

    /** Removes a node and everything below it: the same as {@link #remove} (D4). */
    public void removeRecursive(Node node) {
        remove(node);
    }

    /** Removes the child {@code name} of {@code parent} if it exists (debugfs_lookup_and_remove). */
    public void lookupAndRemove(String name, Dir parent) {
        remove(lookup(name, parent));
    }

    // ---- seq_file custom files -------------------------------------------------------------

    /** Creates a read-only seq_file file driven by {@code ops} (seq_open, Q1-Q13). */
    public <P> File createSeqFile(String name, int mode, Dir parent, SeqOperations<P> ops) {
        return createFile(name, mode, parent, FileOps.seq(ops));
    }

    /** Creates a single_open file whose whole content one {@code show} produces (DEFINE_SHOW_ATTRIBUTE). */
    public File createSingle(String name, int mode, Dir parent, SeqShow show) {
        return createFile(name, mode, parent, FileOps.single(show));
    }

    /** Creates a single_open file with a write method (DEFINE_SHOW_STORE_ATTRIBUTE). */
    public File createSingle(String name, int mode, Dir parent, SeqShow show, Store store) {
        return createFile(name, mode, parent, FileOps.single(show, store));
    }

    // ---- typed helpers (fs/debugfs/file.c) --------------------------------------------------

    /**
     * Creates a value file of {@code kind} over a getter and setter (D8, D9): without write bits
     * in {@code mode} writes are EACCES, without read bits reads are.
     */
    public File createInteger(IntegerKind kind, String name, int mode, Dir parent,
                              LongSupplier get, LongConsumer set) {
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(set, "set");
        // debugfs_create_mode_unsafe: no write bit -> read-only fops, else no read bit -> write-only.
        boolean ro = (mode & 0222) == 0;
        boolean wo = !ro && (mode & 0444) == 0;
        LongSupplier g = wo ? null : () -> kind.truncate(get.getAsLong());
        LongConsumer s = ro ? null : v -> set.accept(kind.truncate(v));
        FileOps fops = kind.signed()
                ? DebugfsAttribute.defineSigned(g, s, kind.format())
                : DebugfsAttribute.define(g, s, kind.format());
        return createFile(name, mode, parent, fops);
    }

    private File int32(IntegerKind kind, String name, int mode, Dir parent, AtomicInteger v) {
        return createInteger(kind, name, mode, parent, v::get, x -> v.set((int) x));
    }

    private File int64(IntegerKind kind, String name, int mode, Dir parent, AtomicLong v) {
        return createInteger(kind, name, mode, parent, v::get, v::set);
    }

    /** Creates a u8 file over {@code value} (debugfs_create_u8). */
    public File createU8(String name, int mode, Dir parent, AtomicInteger value) {
        return int32(IntegerKind.U8, name, mode, parent, value);
    }

    /** Creates a u16 file over {@code value} (debugfs_create_u16). */
    public File createU16(String name, int mode, Dir parent, AtomicInteger value) {
        return int32(IntegerKind.U16, name, mode, parent, value);
    }

    /** Creates a u32 file over {@code value}, read as unsigned (debugfs_create_u32). */
    public File createU32(String name, int mode, Dir parent, AtomicInteger value) {
        return int32(IntegerKind.U32, name, mode, parent, value);
    }

    /** Creates a u64 file over {@code value}, read as unsigned (debugfs_create_u64). */
    public File createU64(String name, int mode, Dir parent, AtomicLong value) {
        return int64(IntegerKind.U64, name, mode, parent, value);
    }

    /** Creates an unsigned long file over {@code value} (debugfs_create_ulong). */
    public File createUlong(String name, int mode, Dir parent, AtomicLong value) {
        return int64(IntegerKind.ULONG, name, mode, parent, value);
    }

    /** Creates a size_t file over {@code value} (debugfs_create_size_t). */
    public File createSizeT(String name, int mode, Dir parent, AtomicLong value) {
        return int64(IntegerKind.SIZE_T, name, mode, parent, value);
    }

    /** Creates an x8 file over {@code value} (debugfs_create_x8). */
    public File createX8(String name, int mode, Dir parent, AtomicInteger value) {
        return int32(IntegerKind.X8, name, mode, parent, value);
    }

    /** Creates an x16 file over {@code value} (debugfs_create_x16). */
    public File createX16(String name, int mode, Dir parent, AtomicInteger value) {
        return int32(IntegerKind.X16, name, mode, parent, value);
    }

    /** Creates an x32 file over {@code value} (debugfs_create_x32). */
    public File createX32(String name, int mode, Dir parent, AtomicInteger value) {
        return int32(IntegerKind.X32, name, mode, parent, value);
    }

    /** Creates an x64 file over {@code value} (debugfs_create_x64). */
    public File createX64(String name, int mode, Dir parent, AtomicLong value) {
        return int64(IntegerKind.X64, name, mode, parent, value);
    }

    /** Creates an atomic_t file over {@code value}, signed (debugfs_create_atomic_t). */
    public File createAtomicT(String name, int mode, Dir parent, AtomicInteger value) {
        return int32(IntegerKind.ATOMIC_T, name, mode, parent, value);
    }

    /** Creates a bool file over {@code value}, "Y"/"N" (debugfs_create_bool, D10). */
    public File createBool(String name, int mode, Dir parent, AtomicBoolean value) {
        return createBool(name, mode, parent, value::get, value::set);
    }

    /** Creates a bool file over a getter and setter (debugfs_create_bool, D10). */
    public File createBool(String name, int mode, Dir parent, BooleanSupplier get,
                           Consumer<Boolean> set) {
        boolean wo = (mode & 0222) != 0 && (mode & 0444) == 0;
        boolean ro = (mode & 0222) == 0;
        return createFile(name, mode, parent, FileOps.raw(new BoolFile(wo ? null : get, ro ? null : set))
                .withLlseek(Llseek.DEFAULT)); // fops_bool
    }

    /** Creates a string file over {@code value} (debugfs_create_str, D11). */
    public File createStr(String name, int mode, Dir parent, AtomicReference<String> value) {
        return createStr(name, mode, parent, value::get, value::set);
    }

    /** Creates a string file over a getter and setter (debugfs_create_str, D11). */
    public File createStr(String name, int mode, Dir parent, Supplier<String> get,
                          Consumer<String> set) {
        boolean wo = (mode & 0222) != 0 && (mode & 0444) == 0;
        boolean ro = (mode & 0222) == 0;
        return createFile(name, mode, parent, FileOps.raw(new StrFile(wo ? null : get, ro ? null : set))
                .withLlseek(Llseek.DEFAULT)); // fops_str
    }

    /**
     * Creates a binary file over {@code data}, mode masked to 0644 (debugfs_create_blob, D12);
     * writes change the array in place.
     */
    public File createBlob(String name, int mode, Dir parent, byte[] data) {
        return createFile(name, mode & 0644, parent, FileOps.raw(new BlobFile(Objects.requireNonNull(data)))
                .withLlseek(Llseek.DEFAULT)); // fops_blob
    }

    /** Creates a register dump, one line per register (debugfs_create_regset32, D13). */
    public File createRegset32(String name, int mode, Dir parent, Regset32 regset) {
        Objects.requireNonNull(regset, "regset");
        return createSingle(name, mode, parent, m -> regset.print(m, ""));
    }

    /** Creates a read-only "v0 v1 ... vN\n" file over {@code array} (debugfs_create_u32_array, D13). */
    public File createU32Array(String name, int mode, Dir parent, int[] array) {
        return createFile(name, mode, parent, U32ArrayFile.ops(Objects.requireNonNull(array)));
    }
}
