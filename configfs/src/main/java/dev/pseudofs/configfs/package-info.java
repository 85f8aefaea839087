/**
 * configfs: kernel objects that user space creates with mkdir, configures by writing their
 * attributes, links with {@code ln -s} and destroys with rmdir (section 7 of the spec, G1-G11).
 *
 * <p>A user needs three classes: {@link dev.pseudofs.configfs.Configfs} (the tree to mount and
 * the subsystem registry), {@link dev.pseudofs.configfs.ItemType} (attributes plus item and
 * group operations) and {@link dev.pseudofs.configfs.ConfigGroup}/{@link
 * dev.pseudofs.configfs.ConfigItem} (the objects, subclassed to hold state).
 * {@link dev.pseudofs.configfs.Samples} re-creates the kernel's three samples.
 *
 * <p>Lock order: the Configfs mutex (namespace changes, make/drop callbacks), then the tree
 * lock (taken briefly by the core); attribute callbacks hold only their open file's lock.
 */
package dev.pseudofs.configfs;
