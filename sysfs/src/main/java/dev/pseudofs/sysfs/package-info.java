/**
 * Builds a sysfs tree the way a kernel module does, on the kernfs core.
 *
 * <p>Start with {@link dev.pseudofs.sysfs.Sysfs} (the {@code /sys} root and its standard
 * top level), add directories with {@link dev.pseudofs.sysfs.Kobject} (and
 * {@link dev.pseudofs.sysfs.Kset} for collections), and files with
 * {@link dev.pseudofs.sysfs.Attribute} (or {@link dev.pseudofs.sysfs.TypedAttribute} for
 * plain values), grouped by {@link dev.pseudofs.sysfs.AttributeGroup}. Binary files are
 * {@link dev.pseudofs.sysfs.BinAttribute}; module parameters come from
 * {@link dev.pseudofs.sysfs.Sysfs#module(String)}.
 *
 * <p>The file contract (open check, per-open snapshot, write clamp, ENODEV after removal,
 * poll) is the core's kernfs policy; this package maps kobjects, attributes, groups and links
 * onto it as fs/sysfs does. Locking: a {@code Kobject} serializes its own add, del, rename and
 * move; everything else relies on the tree's lock. Callbacks (show, store, is_visible, read,
 * write) run without any sysfs lock held and may run concurrently for different open files.
 */
package dev.pseudofs.sysfs;
