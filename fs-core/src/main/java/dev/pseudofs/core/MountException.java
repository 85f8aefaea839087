package dev.pseudofs.core;

/**
 * Reports that a mount could not be made or undone, with one line saying what to do.
 */
public class MountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message tells the operator what to do. */
    public MountException(String message) {
        super(message);
    }

    /** Creates an exception with a cause. */
    public MountException(String message, Throwable cause) {
        super(message, cause);
    }
}
