package dev.pseudofs.core.fuse;

import jnr.ffi.Pointer;

/**
 * Is the part of libfuse 2 the server uses: mounting and unmounting. {@code fuse_mount} parses
 * the mount options and, where the caller may not mount(2) itself, runs the setuid
 * {@code fusermount} that passes back the {@code /dev/fuse} descriptor; {@code fuse_unmount}
 * undoes it the same way. Everything on that descriptor is the bridge's own (see {@link Wire}).
 */
public interface LibFuse {
    Pointer fuse_mount(String mountpoint, Pointer args);

    void fuse_unmount(String mountpoint, Pointer ch);

    int fuse_chan_fd(Pointer ch);

    void fuse_opt_free_args(Pointer args);
}
