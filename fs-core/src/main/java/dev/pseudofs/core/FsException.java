package dev.pseudofs.core;

/**
 * Reports a failure as the errno the kernel would return.
 *
 * <p>Callbacks ({@code show}, {@code store}, generators, directory operations) throw it; the
 * FUSE bridge turns it into {@code -errno} in exactly one place. The message is for logs only;
 * the errno is the contract. Any other exception escaping a callback becomes {@code EIO}.
 */
public class FsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    /** Creates an exception carrying {@code errno}, with the errno's own text as message. */
    public FsException(Errno errno) {
        this(errno, errno.message());
    }

    /** Creates an exception carrying {@code errno} with a message for the log. */
    public FsException(Errno errno, String message) {
        super(message, null, false, false); // no stack trace: this is an answer, not a bug
        this.errno = errno;
    }

    /** Returns the errno this failure maps to. */
    public Errno errno() {
        return errno;
    }

    /** Returns an {@code EINVAL} failure, the answer to input a parser rejects. */
    public static FsException invalid(String why) {
        return new FsException(Errno.EINVAL, why);
    }

    /** Returns an {@code ENOENT} failure. */
    public static FsException notFound(String what) {
        return new FsException(Errno.ENOENT, what);
    }

    /** Returns an {@code EACCES} failure. */
    public static FsException accessDenied(String why) {
        return new FsException(Errno.EACCES, why);
    }

    /** Returns an {@code EPERM} failure. */
    public static FsException notPermitted(String why) {
        return new FsException(Errno.EPERM, why);
    }

    /** Returns an {@code ERANGE} failure, the answer to a number that does not fit. */
    public static FsException outOfRange(String why) {
        return new FsException(Errno.ERANGE, why);
    }

    /** Returns an {@code EIO} failure. */
    public static FsException io(String why) {
        return new FsException(Errno.EIO, why);
    }

    @Override
    public String toString() {
        return errno.name() + ": " + getMessage();
    }
}
