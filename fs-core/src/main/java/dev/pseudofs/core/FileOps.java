package dev.pseudofs.core;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Says where a file's content comes from: one of the four content kinds of the core.
 *
 * <ul>
 *   <li>{@link #showStore}: a page-limited text value with kernfs's per-open snapshot (K19)
 *       and one {@code store} per write(2) (K25-K27);
 *   <li>{@link #seq} and {@link #single}: a seq_file generator, paged lazily (Q1-Q13);
 *   <li>{@link #blob}: binary content at offsets, one page per call (K20, S21, S22);
 *   <li>{@link #raw}: custom read/write/poll with offsets (proc_ops, debugfs fops).
 * </ul>
 *
 * <p>Decorators change what a kind leaves to the kernel's defaults: {@link #nonSeekable},
 * {@link #fillingReads}, {@link #withLlseek} (how SEEK_DATA and SEEK_HOLE answer) and
 * {@link #withIoctl} (the file's ioctl commands; without one every command is ENOTTY).
 *
 * <p>Instances are immutable and may be shared by many files.
 */
public abstract class FileOps {
    FileOps() {}

    /** Returns whether the content can be read (has a show, generator or read method). */
    public abstract boolean canRead();

    /** Returns whether the content can be written (has a store or write method). */
    public abstract boolean canWrite();

    /** Returns whether lseek, pread and pwrite work; when not, they fail with ESPIPE (D9). */
    public boolean seekable() {
        return true;
    }

    /** Returns whether one read(2) is filled with as much content as fits (see {@link #fillingReads}). */
    public boolean fillsReads() {
        return false;
    }

    /**
     * Returns the llseek method that answers SEEK_DATA and SEEK_HOLE: seq_lseek for seq files,
     * generic_file_llseek (st_size) for the others unless {@link #withLlseek} says otherwise.
     */
    public Llseek llseek() {
        return Llseek.GENERIC;
    }

    /** Returns the ioctl hook, or {@code null}: every command is then ENOTTY, as in vfs_ioctl. */
    public Ioctl ioctl() {
        return null;
    }

    abstract FileContent open(OpenFile of);

    /** Returns these operations on a non-seekable file (nonseekable_open, D9, D13). */
    public FileOps nonSeekable() {
        return new Decorated(this, false, fillsReads(), llseek(), ioctl());
    }

    /**
     * Returns these operations with reads that fill the caller's buffer: one read(2) gets as
     * many records as fit, not one buffer of them as the kernel's seq_file gives (Q7). The bytes
     * are the same; only read(2) sizes differ from the kernel's, so this is for large generated
     * files whose readers care about throughput (through FUSE a 128 KiB read then costs one round
     * trip instead of about 32; docs/compat.md, Q7).
     */
    public FileOps fillingReads() {
        return new Decorated(this, seekable(), true, llseek(), ioctl());
    }

    /** Returns these operations with another llseek method (proc_lseek, a fops' llseek). */
    public FileOps withLlseek(Llseek llseek) {
        return new Decorated(this, seekable(), fillsReads(), Objects.requireNonNull(llseek, "llseek"), ioctl());
    }

    /** Returns these operations answering ioctl(2) with {@code ioctl} (unlocked_ioctl, proc_ioctl). */
    public FileOps withIoctl(Ioctl ioctl) {
        return new Decorated(this, seekable(), fillsReads(), llseek(), Objects.requireNonNull(ioctl, "ioctl"));
    }

    /** Is another FileOps with different seek, read-size or ioctl behaviour. */
    private static final class Decorated extends FileOps {
        private final FileOps inner;
        private final boolean seekable;
        private final boolean fills;
        private final Llseek llseek;
        private final Ioctl ioctl;

        Decorated(FileOps inner, boolean seekable, boolean fills, Llseek llseek, Ioctl ioctl) {
            this.inner = inner;
            this.seekable = seekable;
            this.fills = fills;
            this.llseek = llseek;
            this.ioctl = ioctl;
        }

        @Override
        public boolean canRead() {
            return inner.canRead();
        }

        @Override
        public boolean canWrite() {
            return inner.canWrite();
        }

        @Override
        public boolean seekable() {
            return seekable;
        }

        @Override
        public boolean fillsReads() {
            return fills;
        }

        @Override
        public Llseek llseek() {
            return llseek;
        }

        @Override
        public Ioctl ioctl() {
            return ioctl;
        }

        @Override
        FileContent open(OpenFile of) {
            return inner.open(of);
        }
    }

    /** Returns a show/store file; either callback may be {@code null} (read-only, write-only). */
    public static FileOps showStore(Show show, Store store) {
        if (show == null && store == null) {
            throw new IllegalArgumentException("a show/store file needs a show or a store");
        }
        return new FileOps() {
            @Override
            public boolean canRead() {
                return show != null;
            }

            @Override
            public boolean canWrite() {
                return store != null;
            }

            @Override
            FileContent open(OpenFile of) {
                return new ShowStoreContent(show, store);
            }
        };
    }

    /** Returns a read-only show file. */
    public static FileOps show(Show show) {
        return showStore(Objects.requireNonNull(show, "show"), null);
    }

    /** Returns a write-only store file. */
    public static FileOps store(Store store) {
        return showStore(null, Objects.requireNonNull(store, "store"));
    }

    /** Returns a read-only sequence file driven by {@code ops} (seq_open). */
    public static <P> FileOps seq(SeqOperations<P> ops) {
        return seq(ops, null);
    }

    /** Returns a sequence file whose writes go to {@code store} (proc_ops with seq_read + write). */
    public static <P> FileOps seq(SeqOperations<P> ops, Store store) {
        Objects.requireNonNull(ops, "ops");
        return new FileOps() {
            @Override
            public boolean canRead() {
                return true;
            }

            @Override
            public boolean canWrite() {
                return store != null;
            }

            @Override
            public Llseek llseek() {
                return Llseek.SEQ; // seq_lseek (Q10)
            }

            @Override
            FileContent open(OpenFile of) {
                return new SeqContent(new SeqFile(of, ops), store);
            }
        };
    }

    /** Returns a single_open sequence file whose whole content one {@code show} produces (Q12). */
    public static FileOps single(SeqShow show) {
        return seq(SeqFile.single(Objects.requireNonNull(show, "show")));
    }

    /** Returns a single_open sequence file with a store for writes. */
    public static FileOps single(SeqShow show, Store store) {
        return seq(SeqFile.single(Objects.requireNonNull(show, "show")), store);
    }

    /** Returns a binary file read and written at offsets (K20, S21, S22). */
    public static FileOps blob(BlobOps ops) {
        Objects.requireNonNull(ops, "ops");
        return new FileOps() {
            @Override
            public boolean canRead() {
                return ops.readable();
            }

            @Override
            public boolean canWrite() {
                return ops.writable();
            }

            @Override
            FileContent open(OpenFile of) {
                return new BlobContent(ops);
            }
        };
    }

    /** Returns a file whose read, write and poll are {@code ops}' own. */
    public static FileOps raw(RawOps ops) {
        Objects.requireNonNull(ops, "ops");
        boolean ownPoll = overridesPoll(ops);
        return new FileOps() {
            @Override
            public boolean canRead() {
                return ops.readable();
            }

            @Override
            public boolean canWrite() {
                return ops.writable();
            }

            @Override
            FileContent open(OpenFile of) {
                ops.open(of);
                return new FileContent() {
                    @Override
                    public int read(OpenFile f, ByteBuffer dst, long pos) {
                        return ops.read(f, dst, pos);
                    }

                    @Override
                    public int write(OpenFile f, ByteBuffer src, long pos) {
                        return ops.write(f, src, pos);
                    }

                    @Override
                    public int poll(OpenFile f) {
                        return ops.poll(f);
                    }

                    @Override
                    public boolean hasPoll() {
                        return ownPoll;
                    }

                    @Override
                    public void release(OpenFile f) {
                        ops.release(f);
                    }
                };
            }
        };
    }

    // The kernel asks whether fops->poll is set; a Java interface always has the method, so a
    // class that implements it stands for a set pointer (K33, D5).
    private static boolean overridesPoll(RawOps ops) {
        try {
            return !ops.getClass().getMethod("poll", OpenFile.class).isDefault();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
