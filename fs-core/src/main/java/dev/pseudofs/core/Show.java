package dev.pseudofs.core;

/** Produces the text of a show/store file into a page-sized buffer (sysfs {@code show}). */
@FunctionalInterface
public interface Show {
    /**
     * Appends the current content to {@code buf}. The buffer is lent for this call only, as the
     * kernel's show page is: pages are reused by later opens, so a show must not keep it.
     *
     * @throws FsException to make the read(2) fail with that errno (S9)
     */
    void show(PageBuffer buf);
}
