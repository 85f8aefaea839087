package dev.pseudofs.procfs;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.RawOps;
import java.nio.ByteBuffer;

/**
 * Connects one {@link Sysctl} row to read(2) and write(2), as fs/proc/proc_sysctl.c
 * {@code proc_sys_call_handler} does: a buffer of count + 1 bytes per call (count of 4 MiB or
 * more is ENOMEM, C5), the permission re-check (EPERM, C3), then the row's handler at the
 * caller's position.
 */
final class SysctlFile implements RawOps {
    /** KMALLOC_MAX_SIZE: the buffer of count + 1 bytes must stay below it (C5). */
    private static final long KMALLOC_MAX_SIZE = 4L << 20;

    private final Sysctl table;

    SysctlFile(Sysctl table) {
        this.table = table;
    }

    @Override
    public int read(OpenFile file, ByteBuffer dst, long pos) {
        int count = dst.remaining();
        check(file, 4, count);
        byte[] out = table.handler().read(table, pos, count);
        int n = Math.min(out.length, count);
        dst.put(out, 0, n);
        return n;
    }

    @Override
    public int write(OpenFile file, ByteBuffer src, long pos) {
        int count = src.remaining();
        check(file, 2, count);
        byte[] data = new byte[count];
        src.get(data);
        int n = table.handler().write(table, data, count, pos);
        return Math.max(0, Math.min(n, count));
    }

    // proc_sys_call_handler: sysctl_perm (test_perm) again, then the kvzalloc of count + 1.
    private void check(OpenFile file, int want, int count) {
        Caller c = Caller.current();
        int mode = file.file().mode();
        int bits = c.uid() == 0 ? mode >> 6 : c.gid() == 0 ? mode >> 3 : mode;
        if ((want & bits) == 0) {
            throw FsException.notPermitted("sysctl_perm refuses " + file.file().path());
        }
        if (count + 1L >= KMALLOC_MAX_SIZE) {
            throw new FsException(Errno.ENOMEM, "sysctl buffer of " + count + " bytes");
        }
    }
}
