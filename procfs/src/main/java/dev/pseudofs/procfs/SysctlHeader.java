package dev.pseudofs.procfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import java.util.List;

/**
 * Is one registered sysctl table (the kernel's {@code struct ctl_table_header}); closing it
 * unregisters the table (unregister_sysctl_table).
 *
 * <p>After unregistering, the files are gone for new lookups, open files answer ENOENT
 * (sysctl_head_grab fails in proc_sys_call_handler), and directories the table left empty are
 * removed, as the kernel drops a directory with its last table.
 */
public final class SysctlHeader implements AutoCloseable {
    private final Dir sysRoot;
    private final Dir dir;
    private final List<File> files;

    SysctlHeader(Dir sysRoot, Dir dir, List<File> files) {
        this.sysRoot = sysRoot;
        this.dir = dir;
        this.files = List.copyOf(files);
    }

    /** Returns the directory the table's files are in. */
    public Dir dir() {
        return dir;
    }

    /** Returns the table's files, one per row. */
    public List<File> files() {
        return files;
    }

    /** Unregisters the table: removes its files and the directories it leaves empty. */
    public void unregister() {
        for (File f : files) {
            f.remove();
        }
        synchronized (sysRoot) {
            for (Dir d = dir; d != null && d != sysRoot && !d.isRemoved() && d.size() == 0; ) {
                Dir up = d.parent();
                d.remove();
                d = up;
            }
        }
    }

    /** Unregisters the table ({@link #unregister()}). */
    @Override
    public void close() {
        unregister();
    }
}
