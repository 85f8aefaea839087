package dev.pseudofs.sysfs;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Node;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Is a kernel object shown as a sysfs directory ({@code struct kobject}).
 *
 * <p>Life cycle as in lib/kobject.c: {@link #create} (kobject_init with a name), {@link #add}
 * (the directory appears with the ktype's default groups, S4), {@link #get}/{@link #put}
 * (reference counting; the last put deletes the directory if still there and runs the
 * ktype's release), {@link #del} (the whole subtree goes, S3), {@link #rename} and
 * {@link #move} (links to the object follow, S27). {@link #createAndAdd} is
 * kobject_create_and_add.
 *
 * <p>Attributes, groups, binary attributes and links are added with the sysfs_create_*
 * equivalents on this class; {@link #notify} is sysfs_notify.
 */
public class Kobject {
    private final KobjType ktype;          // immutable
    private final AtomicInteger kref = new AtomicInteger(1);
    private volatile String name;
    private volatile Kobject parent;       // set by add
    private volatile Kset kset;
    private volatile Dir dir;              // null until added, null again after del

    /** Creates an unadded kobject (kobject_init plus kobject_set_name). */
    protected Kobject(String name, KobjType ktype) {
        this.name = sanitize(name);
        this.ktype = Objects.requireNonNull(ktype, "ktype");
    }

    // The sysfs root and other directories made by Sysfs itself.
    Kobject(String name, KobjType ktype, Dir dir) {
        this(name, ktype);
        this.dir = dir;
    }

    /** Returns a new kobject that is not yet in sysfs (kobject_create + kobject_set_name). */
    public static Kobject create(String name, KobjType ktype) {
        return new Kobject(name, ktype);
    }

    /** Creates a kobject of the dynamic ktype and adds it under {@code parent} (kobject_create_and_add). */
    public static Kobject createAndAdd(String name, Kobject parent) {
        Kobject k = new Kobject(name, KobjType.DYNAMIC);
        try {
            k.add(parent);
        } catch (RuntimeException e) {
            k.kref.set(0); // kobject_put of a never-added object: nothing to undo
            throw e;
        }
        return k;
    }

    /**
     * Adds this kobject under {@code parent}, or under its kset when {@code parent} is null
     * (kobject_add): the directory (0755, S2) and the ktype's default groups appear together.
     *
     * @throws FsException EINVAL for an empty name, EEXIST for a taken one (S3)
     */
    public synchronized void add(Kobject parent) {
        if (dir != null) {
            throw new IllegalStateException("kobject already added: " + path());
        }
        Kobject p = parent != null ? parent : kset;
        if (p == null) {
            throw new IllegalArgumentException("kobject " + name + " has neither parent nor kset");
        }
        if (name.isEmpty()) {
            throw new FsException(Errno.EINVAL, "kobject with an empty name"); // S3
        }
        Dir created = p.requireDir().createDir(name, 0755); // EEXIST: "cannot create duplicate filename"
        dir = created;
        try {
            for (AttributeGroup g : ktype.defaultGroups()) {
                SysfsGroups.create(this, g, false); // S4
            }
        } catch (RuntimeException e) {
            dir = null;
            created.remove();
            throw e;
        }
        this.parent = p.get();
        Kset k = kset;
        if (k != null) {
            k.join(this);
        }
    }

    /** Removes the directory with everything in it and leaves the kset (kobject_del, S3). */
    public synchronized void del() {
        Dir d = dir;
        if (d == null) {
            return;
        }
        dir = null;
        d.remove();
        Kset k = kset;
        if (k != null) {
            k.leave(this);
        }
        Kobject p = parent;
        if (p != null) {
            p.put();
        }
    }

    /** Takes a reference (kobject_get); returns this. */
    public Kobject get() {
        kref.incrementAndGet();
        return this;
    }

    /** Drops a reference (kobject_put); the last one deletes and releases the object. */
    public void put() {
        int left = kref.decrementAndGet();
        if (left < 0) {
            kref.incrementAndGet();
            throw new IllegalStateException("kobject_put of a released kobject: " + name);
        }
        if (left == 0) {
            del(); // kobject_cleanup: "auto cleanup kobject_del"
            if (ktype.release() != null) {
                ktype.release().accept(this);
            }
        }
    }

    /** Renames the directory (kobject_rename): '/' becomes '!'; EEXIST when taken (S3). */
    public synchronized void rename(String newName) {
        String n = sanitize(newName);
        if (n.isEmpty()) {
            throw new FsException(Errno.EINVAL, "empty kobject name");
        }
        Dir d = dir;
        if (d != null) {
            d.rename(n);
        }
        name = n;
    }

    /** Moves the directory under {@code newParent} (kobject_move); links follow (S27). */
    public synchronized void move(Kobject newParent) {
        Dir d = requireDir();
        d.move(newParent.requireDir(), name);
        Kobject old = parent;
        parent = newParent.get();
        if (old != null) {
            old.put();
        }
    }

    // ---- attributes ------------------------------------------------------------------------

    /** Creates attribute file {@code attr} with its own mode (sysfs_create_file, S5). */
    public File createFile(Attribute attr) {
        return SysfsFiles.addFile(requireDir(), this, attr, attr.mode());
    }

    /** Removes the attribute file or link called {@code name}, if present (sysfs_remove_file). */
    public void removeFile(String fileName) {
        SysfsGroups.removeByName(requireDir(), fileName);
    }

    /** Creates binary attribute file {@code attr} (sysfs_create_bin_file, S20). */
    public File createBinFile(BinAttribute attr) {
        return SysfsFiles.addBinFile(requireDir(), this, attr, attr.mode());
    }

    /** Creates the files of {@code grp} (sysfs_create_group, S24); rolls back on failure. */
    public void createGroup(AttributeGroup grp) {
        SysfsGroups.create(this, grp, false);
    }

    /** Creates several groups; on failure the ones already created are removed (sysfs_create_groups). */
    public void createGroups(AttributeGroup... groups) {
        for (int i = 0; i < groups.length; i++) {
            try {
                SysfsGroups.create(this, groups[i], false);
            } catch (RuntimeException e) {
                for (int j = i - 1; j >= 0; j--) {
                    SysfsGroups.remove(this, groups[j]);
                }
                throw e;
            }
        }
    }

    /** Re-evaluates visibility by removing and re-adding every file of {@code grp} (sysfs_update_group, S25). */
    public void updateGroup(AttributeGroup grp) {
        SysfsGroups.create(this, grp, true);
    }

    /** Removes the files of {@code grp} and its directory when named (sysfs_remove_group). */
    public void removeGroup(AttributeGroup grp) {
        SysfsGroups.remove(this, grp);
    }

    // ---- links and notification ------------------------------------------------------------

    /**
     * Creates link {@code linkName} in this directory pointing at {@code target}'s directory
     * (sysfs_create_link, S26): EEXIST when the name is taken, ENOENT when the target is not in
     * sysfs. readlink gives the relative path at that time (S27).
     */
    public Link createLink(Kobject target, String linkName) {
        return Sysfs.createLinkIn(requireDir(), target, linkName);
    }

    /** Removes link {@code linkName} if present (sysfs_remove_link). */
    public void removeLink(String linkName) {
        if (requireDir().lookup(linkName) instanceof Link l) {
            l.remove();
        }
    }

    /** Signals a change of attribute {@code attr} to pollers (sysfs_notify with no subdirectory, S28). */
    public void notify(String attr) {
        notify(null, attr);
    }

    /**
     * Signals a change of attribute {@code attr} in subdirectory {@code subdir} (a named group,
     * or {@code null}) to pollers and readers (sysfs_notify, K30, S28); a missing name is ignored.
     */
    public void notify(String subdir, String attr) {
        Dir d = dir;
        if (d == null) {
            return;
        }
        Node where = subdir == null ? d : d.lookup(subdir);
        if (where instanceof Dir sd && sd.lookup(attr) instanceof File f) {
            f.notifyChanged();
        }
    }

    // ---- accessors ------------------------------------------------------------------------

    /** Returns the name (the directory's name once added). */
    public String name() {
        return name;
    }

    /** Returns the parent kobject, or {@code null} before {@link #add}. */
    public Kobject parent() {
        return parent;
    }

    /** Returns the ktype. */
    public KobjType ktype() {
        return ktype;
    }

    /** Returns the kset this kobject belongs to, or {@code null}. */
    public Kset kset() {
        return kset;
    }

    /** Puts this kobject into {@code k} before {@link #add} (setting kobj-&gt;kset). */
    public void setKset(Kset k) {
        if (dir != null) {
            throw new IllegalStateException("set the kset before kobject_add: " + name);
        }
        this.kset = k;
    }

    /** Returns the directory, or {@code null} when not in sysfs. */
    public Dir dir() {
        return dir;
    }

    /** Returns whether the directory exists (state_in_sysfs and not removed with a parent). */
    public boolean isInSysfs() {
        Dir d = dir;
        return d != null && !d.isRemoved();
    }

    /** Returns the path below the sysfs root, e.g. "/kernel/mm" (kobject_get_path). */
    public String path() {
        Dir d = dir;
        return d == null ? "(not in sysfs) " + name : d.path();
    }

    /** Returns the number of references held (kref). */
    public int refcount() {
        return kref.get();
    }

    Dir requireDir() {
        Dir d = dir;
        if (d == null || d.isRemoved()) {
            throw new FsException(Errno.ENOENT, "kobject not in sysfs: " + name);
        }
        return d;
    }

    // kobject_set_name_vargs: a '/' cannot be part of a file name, so it becomes '!' (S3).
    static String sanitize(String n) {
        return Objects.requireNonNull(n, "name").replace('/', '!');
    }

    @Override
    public String toString() {
        return "Kobject(" + path() + ")";
    }
}
