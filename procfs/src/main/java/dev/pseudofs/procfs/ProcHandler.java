package dev.pseudofs.procfs;

/**
 * Reads and writes one sysctl's value as text (the kernel's {@code proc_handler}).
 *
 * <p>Stock handlers are in {@link SysctlHandlers}; a custom handler usually validates and then
 * delegates to one of them (C20). Both methods throw {@link dev.pseudofs.core.FsException} to
 * fail; a failed write keeps the old value unless the handler commits element by element (C14).
 */
public interface ProcHandler {
    /**
     * Returns the text a read(2) of {@code count} bytes at position {@code pos} produces (at most
     * {@code count} bytes; empty for end of file).
     */
    byte[] read(Sysctl table, long pos, int count);

    /**
     * Consumes the {@code len} bytes of {@code data} written at position {@code pos}.
     *
     * @return the byte count write(2) reports (may be less than {@code len}: a short write)
     */
    int write(Sysctl table, byte[] data, int len, long pos);
}
