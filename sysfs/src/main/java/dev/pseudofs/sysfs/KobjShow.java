package dev.pseudofs.sysfs;

import dev.pseudofs.core.PageBuffer;

/** Fills the page of one attribute of one kobject (the {@code show} of a kobj_attribute). */
@FunctionalInterface
public interface KobjShow {
    /**
     * Appends the attribute's value for {@code kobj} to {@code buf}.
     *
     * @throws dev.pseudofs.core.FsException to make read(2) fail with that errno (S9)
     */
    void show(Kobject kobj, PageBuffer buf);
}
