package dev.pseudofs.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Is the kernel's {@code simple_xattrs} as kernfs keeps them per node (K15): {@code trusted.*}
 * and {@code security.*} values in memory; {@code user.*} refused on set (kernfs roots without
 * KERNFS_ROOT_SUPPORT_USER_XATTR, which is all but cgroupfs) and absent on get; any other
 * namespace has no handler. Who may touch {@code trusted.*} and set {@code security.*} is the
 * kernel's own check (CAP_SYS_ADMIN in the VFS), made before a request reaches us; only
 * listxattr, which FUSE passes through unfiltered, hides {@code trusted.*} from others here.
 */
public final class SimpleXattrs {
    /** setxattr(2) flags. */
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;

    private final Map<String, byte[]> values = new TreeMap<>(); // listed by name, as the kernel's rbtree

    /** Returns the value of {@code name}: ENODATA when absent, EOPNOTSUPP for a namespace kernfs has no handler for. */
    public synchronized byte[] get(String name) {
        if (!stored(name) && !name.startsWith("user.")) {
            throw new FsException(Errno.EOPNOTSUPP, name);
        }
        byte[] v = values.get(name);
        if (v == null) {
            throw new FsException(Errno.ENODATA, name);
        }
        return v.clone();
    }

    /** Sets {@code name}, honouring XATTR_CREATE (EEXIST) and XATTR_REPLACE (ENODATA). */
    public synchronized void set(String name, byte[] value, int flags) {
        if (!stored(name)) {
            throw new FsException(Errno.EOPNOTSUPP, name);
        }
        boolean exists = values.containsKey(name);
        if ((flags & XATTR_CREATE) != 0 && exists) {
            throw new FsException(Errno.EEXIST, name);
        }
        if ((flags & XATTR_REPLACE) != 0 && !exists) {
            throw new FsException(Errno.ENODATA, name);
        }
        values.put(name, value.clone());
    }

    /** Removes {@code name}: ENODATA when absent. */
    public synchronized void remove(String name) {
        if (!stored(name)) {
            throw new FsException(Errno.EOPNOTSUPP, name);
        }
        if (values.remove(name) == null) {
            throw new FsException(Errno.ENODATA, name);
        }
    }

    /** Returns the names, each followed by a NUL, as listxattr(2) answers; trusted.* only for the privileged. */
    public synchronized byte[] list(boolean privileged) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : values.keySet()) {
            if (privileged || !name.startsWith("trusted.")) {
                out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    private static boolean stored(String name) {
        return name.startsWith("trusted.") || name.startsWith("security.");
    }
}
