package dev.pseudofs.core;

/** Produces the text of a show/store file into a page-sized buffer (sysfs {@code show}). */
@FunctionalInterface
public interface Show {
    /**
     * Appends the current content to {@code buf}.
     *
     * @throws FsException to make the read(2) fail with that errno (S9)
     */
    void show(PageBuffer buf);
}
