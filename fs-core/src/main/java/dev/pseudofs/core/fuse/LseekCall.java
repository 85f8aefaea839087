package dev.pseudofs.core.fuse;

import dev.pseudofs.core.File;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Llseek;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.Tree;
import java.nio.ByteBuffer;

/**
 * Answers FUSE_LSEEK. The kernel's FUSE client answers SEEK_SET, SEEK_CUR and SEEK_END itself
 * from st_size (fuse_file_llseek) and sends only SEEK_DATA and SEEK_HOLE, which each file
 * answers as its llseek method would in the kernel ({@link Llseek}: kernfs's generic one K23,
 * seq_lseek Q10/P7, default_llseek C6). Non-seekable files never get here (ESPIPE, D9).
 *
 * <p>The answer depends on the node and its st_size only, so it is computed from the node the
 * request names (also in FUSE's no-open mode, whose fh is 0).
 */
final class LseekCall {
    private LseekCall() {}

    /**
     * Encodes fuse_lseek_out for the request on {@code node} at {@link Wire#OUT_HEADER}.
     *
     * @return the payload's size
     * @throws FsException ENXIO, EINVAL as the file's llseek answers; after removal kernfs's
     *         ENODEV (K29) and debugfs's EIO (D5), the policy's errno, except for seq_lseek
     */
    static int answer(Request r, Tree tree, Node node, ByteBuffer out) {
        if (!(node instanceof File file)) {
            throw FsException.invalid("lseek on a directory"); // the client seeks those itself
        }
        Llseek llseek = file.ops().llseek();
        if (file.isRemoved() && llseek != Llseek.SEQ) {
            throw new FsException(file.policy().removedErrno(), "removed: " + file.path());
        }
        long to = llseek.seek(r.arg64(Wire.LSEEK_OFFSET), r.arg32(Wire.LSEEK_WHENCE), tree.stat(file).size());
        out.putLong(Wire.OUT_HEADER + Wire.LSEEK_OUT_OFFSET, to);
        return Wire.LSEEK_OUT;
    }
}
