package dev.pseudofs.core.fuse;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.annotations.In;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;

/**
 * Is the part of libfuse 2's low-level API ({@code fuse_lowlevel.h}, 2.9) that the bridge uses.
 *
 * <p>The low-level API speaks in node ids rather than paths, so the bridge can tell the kernel
 * that a name was removed ({@code fuse_lowlevel_notify_inval_entry}) and may therefore let it
 * keep names and attributes for a second: jnr-fuse binds only the high-level API, whose node ids
 * are private to libfuse.
 */
public interface LibFuse {
    Pointer fuse_mount(String mountpoint, Pointer args);

    void fuse_unmount(String mountpoint, Pointer ch);

    Pointer fuse_lowlevel_new(Pointer args, Pointer ops, @size_t long opSize, Pointer userdata);

    void fuse_opt_free_args(Pointer args);

    void fuse_session_add_chan(Pointer se, Pointer ch);

    void fuse_session_remove_chan(Pointer ch);

    void fuse_session_destroy(Pointer se);

    void fuse_session_exit(Pointer se);

    int fuse_session_exited(Pointer se);

    @size_t long fuse_chan_bufsize(Pointer ch);

    int fuse_chan_recv(Pointer chp, Pointer buf, @size_t long size);

    void fuse_session_process(Pointer se, Pointer buf, @size_t long len, Pointer ch);

    int fuse_chan_send(Pointer ch, Pointer iov, @size_t long count);

    int fuse_reply_err(Pointer req, int err);

    void fuse_reply_none(Pointer req);

    int fuse_reply_entry(Pointer req, Pointer entry);

    int fuse_reply_attr(Pointer req, Pointer attr, double timeout);

    int fuse_reply_readlink(Pointer req, @In byte[] link);

    int fuse_reply_open(Pointer req, Pointer fi);

    int fuse_reply_write(Pointer req, @size_t long count);

    int fuse_reply_buf(Pointer req, Pointer buf, @size_t long size);

    int fuse_reply_statfs(Pointer req, Pointer stbuf);

    int fuse_reply_poll(Pointer req, int revents);

    int fuse_lowlevel_notify_poll(Pointer ph);

    void fuse_pollhandle_destroy(Pointer ph);

    int fuse_lowlevel_notify_inval_inode(Pointer ch, long ino, @off_t long off, @off_t long len);

    int fuse_lowlevel_notify_inval_entry(Pointer ch, long parent, @In byte[] name, @size_t long namelen);

    // ---- callback shapes of struct fuse_lowlevel_ops (one interface per C signature) ----------

    /** init(userdata, conn). */
    interface Init {
        @Delegate void call(Pointer userdata, Pointer conn);
    }

    /** lookup/unlink/rmdir(req, parent, name); getattr/opendir/releasedir(req, ino, fi); forget_multi(req, count, forgets). */
    interface ReqLongPtr {
        @Delegate void call(Pointer req, long a, Pointer b);
    }

    /** readlink/statfs(req, ino). */
    interface ReqLong {
        @Delegate void call(Pointer req, long ino);
    }

    /** forget(req, ino, nlookup). */
    interface ReqLongLong {
        @Delegate void call(Pointer req, long ino, long n);
    }

    /** setattr(req, ino, attr, to_set, fi). */
    interface SetAttr {
        @Delegate void call(Pointer req, long ino, Pointer attr, int toSet, Pointer fi);
    }

    /** mkdir(req, parent, name, mode). */
    interface ReqLongPtrInt {
        @Delegate void call(Pointer req, long parent, Pointer name, int mode);
    }

    /** mknod(req, parent, name, mode, rdev). */
    interface Mknod {
        @Delegate void call(Pointer req, long parent, Pointer name, int mode, long rdev);
    }

    /** create(req, parent, name, mode, fi). */
    interface Create {
        @Delegate void call(Pointer req, long parent, Pointer name, int mode, Pointer fi);
    }

    /** symlink(req, link, parent, name). */
    interface Symlink {
        @Delegate void call(Pointer req, Pointer link, long parent, Pointer name);
    }

    /** rename(req, parent, name, newparent, newname). */
    interface Rename {
        @Delegate void call(Pointer req, long parent, Pointer name, long newParent, Pointer newName);
    }

    /** link(req, ino, newparent, newname). */
    interface Link {
        @Delegate void call(Pointer req, long ino, long newParent, Pointer newName);
    }

    /** readdir(req, ino, size, off, fi). */
    interface Readdir {
        @Delegate void call(Pointer req, long ino, @size_t long size, @off_t long off, Pointer fi);
    }

    /** write(req, ino, buf, size, off, fi). */
    interface Write {
        @Delegate void call(Pointer req, long ino, Pointer buf, @size_t long size, @off_t long off, Pointer fi);
    }

    /** fsync/fsyncdir(req, ino, datasync, fi). */
    interface Fsync {
        @Delegate void call(Pointer req, long ino, int datasync, Pointer fi);
    }

    /** poll(req, ino, fi, ph). */
    interface Poll {
        @Delegate void call(Pointer req, long ino, Pointer fi, Pointer ph);
    }
}
