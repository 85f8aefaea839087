package dev.pseudofs.core.fuse;

import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** Is the part of the C library that reads and writes {@code /dev/fuse}: buffers by address. */
public interface LibC {
    @ssize_t long read(int fd, long buf, @size_t long count);

    @ssize_t long writev(int fd, long iov, int iovcnt);
}
