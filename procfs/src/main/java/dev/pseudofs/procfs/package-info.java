/**
 * Re-creates procfs on the pseudofs core: proc entries, seq_file files, /proc/sys sysctl
 * tables, /proc/PID and /proc/self.
 *
 * <p>A user needs three classes: {@link dev.pseudofs.procfs.Procfs} (create /proc, then
 * {@code procCreate}, {@code createSingle}, {@code createSeq}, {@code procMkdir},
 * {@code procSymlink}, {@code registerSysctl}, {@code showProcesses}),
 * {@link dev.pseudofs.procfs.Sysctl} (one row of a sysctl table with a stock handler) and
 * {@link dev.pseudofs.procfs.ProcOps} (custom read/write/poll, the kernel's proc_ops).
 * {@link dev.pseudofs.procfs.StockEntries} adds uptime, meminfo and the like from the host.
 *
 * <p>Model: every entry is a node of one {@link dev.pseudofs.core.Tree}; generic entries use the
 * procfs policy (no open-time check, EIO after removal), /proc/sys the sysctl policy (root held
 * to the mode bits, ENOENT after unregistering). Locks: the core's tree lock for the shape, the
 * core's per-open lock around every read and write, and each sysctl value holder's monitor
 * while its handler runs; user callbacks never run under the tree lock.
 */
package dev.pseudofs.procfs;
