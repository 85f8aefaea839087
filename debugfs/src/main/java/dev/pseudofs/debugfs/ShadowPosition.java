package dev.pseudofs.debugfs;

/**
 * Recovers the file position a debugfs handler would see from the one FUSE reports.
 *
 * <p>Several debugfs write handlers (simple_attr_write, debugfs_write_file_bool and
 * debugfs_write_file_str) return the full count without moving {@code *ppos}, so in the
 * kernel a later read or write on the same descriptor still starts where the position was.
 * The FUSE client moves the position by every count a write returns, so this class remembers
 * how far it ran ahead: while the calls on one open file stay sequential, the handler sees
 * the FUSE position minus the bytes of those writes. Any other position (an lseek or pread
 * FUSE does not report) resets the difference, and an explicit seek to exactly where the
 * last write ended cannot be told apart from a plain next write (docs/compat-debugfs.md).
 *
 * <p>Guarded by the open file's lock.
 */
final class ShadowPosition {
    private long expected; // the FUSE position after the last call
    private long ahead;    // how far FUSE's position is ahead of the handler's

    /** Returns the handler's position for a call FUSE makes at {@code fusePos}. */
    long toHandler(long fusePos) {
        if (fusePos != expected) {
            ahead = 0;
        }
        return Math.max(0, fusePos - ahead);
    }

    /** Records a read of {@code n} bytes at {@code fusePos}: both positions move. */
    void read(long fusePos, int n) {
        expected = fusePos + n;
    }

    /** Records a write of {@code n} bytes at {@code fusePos} that left the handler's position. */
    void writeWithoutAdvance(long fusePos, int n) {
        expected = fusePos + n;
        ahead += n; // call toHandler(fusePos) first
    }
}
