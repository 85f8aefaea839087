package dev.pseudofs.procfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import java.nio.ByteBuffer;

/**
 * Implements a proc entry's file operations (the kernel's {@code struct proc_ops}).
 *
 * <p>Every read(2) and write(2) reaches {@link #read}/{@link #write} once, at the caller's
 * position, unbuffered. A missing read or write answers EIO at read/write time, never at open
 * (fs/proc/inode.c pde_read, pde_write; P6). Per-open state goes in
 * {@link OpenFile#setPrivateData}; {@link #release} runs at the last close, also when the entry
 * is removed while open (P8).
 */
public interface ProcOps extends RawOps {
    /** Reads at {@code pos} into {@code dst} (proc_read); the default answers EIO (P6). */
    @Override
    default int read(OpenFile file, ByteBuffer dst, long pos) {
        throw FsException.io("no proc_read");
    }

    /** Writes {@code src} at {@code pos} (proc_write); the default answers EIO (P6). */
    @Override
    default int write(OpenFile file, ByteBuffer src, long pos) {
        throw FsException.io("no proc_write");
    }
}
