/**
 * Re-creates debugfs on the pseudofs core: custom files, typed value files and simple
 * attributes, mountable at {@code /sys/kernel/debug}.
 *
 * <p>A user needs {@link dev.pseudofs.debugfs.Debugfs} (the tree and every
 * {@code debugfs_create_*} call), {@link dev.pseudofs.debugfs.DebugfsAttribute} (a get/set pair
 * and a format, {@code DEFINE_DEBUGFS_ATTRIBUTE}) and, for register dumps,
 * {@link dev.pseudofs.debugfs.Regset32}.
 *
 * <p>Model: typed helpers map onto the core's raw content kind with debugfs's own read and
 * write rules (fs/libfs.c simple_attr, fs/debugfs/file.c); seq_file files use the core's
 * sequence kind. Locking: the core's tree lock guards the shape of the tree; each open file's
 * lock serialises its reads and writes (simple_attr's per-open mutex). Value holders are called
 * without any tree lock held and may be shared with other threads of the program.
 */
package dev.pseudofs.debugfs;
