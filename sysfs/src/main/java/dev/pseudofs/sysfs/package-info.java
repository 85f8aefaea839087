/**
 * Builds a sysfs tree the way a kernel module does, on the kernfs core.
 *
 * <p>Most programs need three classes: {@link dev.pseudofs.sysfs.Sysfs} (the {@code /sys}
 * root with its standard top level, and module parameters through
 * {@link dev.pseudofs.sysfs.Sysfs#module(String)}), {@link dev.pseudofs.sysfs.Kobject} (a
 * directory, grouped into a {@link dev.pseudofs.sysfs.Kset} where needed) and
 * {@link dev.pseudofs.sysfs.Attribute} (a text file; {@link dev.pseudofs.sysfs.TypedAttribute}
 * builds the common value shapes). Sets of files are an
 * {@link dev.pseudofs.sysfs.AttributeGroup}, binary files a
 * {@link dev.pseudofs.sysfs.BinAttribute}.
 *
 * <p>The file contract (open check, per-open snapshot, write clamp, ENODEV after removal,
 * poll) is the core's kernfs policy; this package maps kobjects, attributes, groups and links
 * onto it as fs/sysfs does. Locking: a {@code Kobject} serializes its own add, del, rename and
 * move on itself; the tree's lock guards the directory structure. Callbacks (show, store,
 * is_visible, read, write) run without any sysfs lock held and may run concurrently for
 * different open files, as in the kernel.
 */
package dev.pseudofs.sysfs;
