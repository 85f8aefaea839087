package dev.pseudofs.core.fuse;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Is the part of the C library that reads and writes {@code /dev/fuse}: buffers by address.
 *
 * <p>{@link #read} and {@link #writev} keep no errno (saving it costs about 1% of the server's
 * CPU per request, bench/README.md): they answer -1 on failure, and the caller asks again with
 * {@link #readChecked} or {@link #writevChecked}, the same calls with errno kept
 * ({@link Natives} binds them to {@code read} and {@code writev}), where it needs to know why.
 */
public interface LibC {
    @IgnoreError
    @ssize_t long read(int fd, long buf, @size_t long count);

    @IgnoreError
    @ssize_t long writev(int fd, long iov, int iovcnt);

    @SaveError
    @ssize_t long readChecked(int fd, long buf, @size_t long count);

    @SaveError
    @ssize_t long writevChecked(int fd, long iov, int iovcnt);

    /** fcntl(2) with an int argument (F_GETFL, F_SETFL). */
    int fcntl(int fd, int cmd, int arg);

    /** poll(2) on {@code nfds} struct pollfd at {@code fds}. */
    @IgnoreError
    int poll(long fds, @size_t long nfds, int timeout);
}
