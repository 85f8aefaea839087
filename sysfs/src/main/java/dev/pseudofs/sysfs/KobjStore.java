package dev.pseudofs.sysfs;

import dev.pseudofs.core.StoreBuffer;

/** Consumes one write(2) to an attribute of one kobject (the {@code store} of a kobj_attribute). */
@FunctionalInterface
public interface KobjStore {
    /**
     * Parses {@code in} and applies it to {@code kobj}; a thrown exception keeps the old value.
     *
     * @return the bytes consumed, normally {@code in.count()} (S16)
     * @throws dev.pseudofs.core.FsException with the errno write(2) returns (EINVAL for bad input)
     */
    int store(Kobject kobj, StoreBuffer in);
}
