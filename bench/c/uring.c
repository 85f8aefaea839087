/* uring.c - a minimal FUSE server that speaks the FUSE protocol itself (no libfuse), to measure
 * FUSE over io_uring (Linux 6.14+) against the classic read(2)/writev(2) loop on /dev/fuse.
 *
 * The mount holds one regular file, /small: mode 0444, st_size 4096, content a 32-byte line
 * with a counter that grows on every READ, FOPEN_DIRECT_IO on open, entry/attr timeouts 1 s.
 * Answered: INIT, LOOKUP, GETATTR, OPEN, READ, RELEASE, OPENDIR, READDIR, RELEASEDIR;
 * FLUSH gets ENOSYS, FORGET/BATCH_FORGET/INTERRUPT no reply, all else ENOSYS.
 *
 * Modes:
 *   --classic  one thread, blocking read(2) of /dev/fuse, answer with writev(2)
 *   --spin     as classic, but the fd is non-blocking and after each answer the thread keeps
 *              calling read(2) for SPIN_US (default 50) µs before it sleeps in poll(2)
 *   --uring    FUSE over io_uring: INIT (read from /dev/fuse) negotiates FUSE_OVER_IO_URING,
 *              then one thread per possible CPU (pinned to it) owns one io_uring (SQE128) and
 *              registers DEPTH ring entries for its queue (qid = CPU); requests arrive as CQEs,
 *              answers go back with COMMIT_AND_FETCH. The main thread keeps reading /dev/fuse,
 *              which still carries FORGET and INTERRUPT.
 *              Needs: echo Y > /sys/module/fuse/parameters/enable_uring (before the mount).
 *   --uring-spin  as --uring (without DEFER_TASKRUN), but after each batch of answers the
 *              thread submits without waiting and watches the CQ for SPIN_US µs before it
 *              sleeps in io_uring_enter(GETEVENTS)
 *   --passthrough  FUSE passthrough (Linux 6.9+, CONFIG_FUSE_PASSTHROUGH, CAP_SYS_ADMIN), with
 *              the classic loop, or with the spin loop if --spin is given too. INIT asks for
 *              FUSE_PASSTHROUGH (max_stack_depth 1). At OPEN of /small the content, a 32-byte
 *              "open <counter>" line (the counter counts snapshots), is written into a memfd,
 *              the memfd is registered with ioctl(FUSE_DEV_IOC_BACKING_OPEN) and the OPEN reply
 *              carries FOPEN_PASSTHROUGH and the backing id: the kernel then serves READ from
 *              the memfd itself, no READ request reaches the server. One backing file is shared
 *              by all opens that overlap (see "passthrough" below for why); its id is closed
 *              (FUSE_DEV_IOC_BACKING_CLOSE) at the RELEASE of the last of them.
 *              --pt-reuse: one memfd and one backing id for the whole mount, rewritten in place
 *              at an OPEN when no open is outstanding (saves memfd_create and two ioctls per
 *              open; unsafe with mmap, see the notes).
 *              --pt-private: an OPEN that overlaps an outstanding one does not share its snapshot
 *              but gets FOPEN_PASSTHROUGH|FOPEN_DIRECT_IO with the same backing id (the kernel
 *              accepts that) and its READs come to the server as without passthrough: the model
 *              of a per-caller view, where two callers may need different content.
 *              --pt-test conflict|mixed|dio: deliberately wrong replies for the semantics tests
 *              in bench/c/pt-check.c (conflict: a new backing file for every OPEN; mixed: every
 *              second OPEN is answered without FOPEN_PASSTHROUGH, with FOPEN_DIRECT_IO;
 *              with --pt-reuse, conflict registers the one memfd again for an overlapping OPEN;
 *              dio: FOPEN_PASSTHROUGH|FOPEN_DIRECT_IO).  --pt-log: one stderr line per OPEN/RELEASE.
 *              --pt-timing: at exit, the server's mean time per memfd/backing step.
 *
 * Build: gcc -O2 -pthread -o /tmp/uringfs bench/c/uring.c
 * Measure: bench/c/run-uring.sh (interleaved rounds against libfuse2); results and notes in
 * bench/c/uring-notes.md.
 * Run (as root): /tmp/uringfs --classic|--spin|--uring|--uring-spin MOUNTPOINT [--depth N] [--spin-us N]
 *                [--no-defer] [--threads N] [--no-pin]
 *                /tmp/uringfs [--classic|--spin] --passthrough MOUNTPOINT [--pt-reuse] [--pt-private]
 *                [--pt-test conflict|mixed|dio] [--pt-log] [--pt-timing] [--spin-us N] [--threads N] [--st-size N]
 *                [--drop-cap-sys-admin] [--content-size N]
 *   --content-size N: /small's content length, 32 (default) to 4096 bytes, any mode
 *   --drop-cap-sys-admin: drop CAP_SYS_ADMIN once mounted (passthrough then fails: EPERM)
 *   --st-size N: st_size of /small (default 4096; a passthrough read ends at the backing file's
 *              end whatever st_size says, a cached read at st_size)
 *   It mounts MOUNTPOINT with mount(2) (fd=... options, no fusermount), serves in the
 *   foreground, and on SIGTERM/SIGINT detaches the mount (umount2 MNT_DETACH) and exits.
 *   --no-defer: set up the rings without IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN.
 *   --threads N (classic, spin): N threads read(2) the same /dev/fuse fd (default 1).
 *   --depth N (uring): ring entries registered per queue (default 2).
 *   --no-pin (uring): do not pin queue q's thread to CPU q (the kernel still picks the queue
 *              by the CPU the requesting process runs on).
 *
 * Written from the protocol as described by the kernel's include/uapi/linux/fuse.h and
 * fs/fuse/dev_uring.c, fs/fuse/iomode.c, fs/fuse/passthrough.c and fs/fuse/backing.c (read, not
 * copied). Raw io_uring syscalls, no liburing. Passthrough findings: bench/c/passthrough-notes.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/fuse.h>     /* Debian 12: protocol 7.38, no io_uring parts */
#include <linux/io_uring.h> /* Debian 12: 6.1, has SQE128, URING_CMD, DEFER_TASKRUN */
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* ---- What Debian 12's headers lack; these mirror include/uapi/linux/fuse.h of Linux 6.14+ ---- */
#define MY_FUSE_OVER_IO_URING_FLAGS2 (1u << 9) /* FUSE_OVER_IO_URING = 1ULL << 41, in flags2 */
#define MY_URING_IN_OUT_HEADER_SZ 128          /* FUSE_URING_IN_OUT_HEADER_SZ */
#define MY_URING_OP_IN_OUT_SZ 128              /* FUSE_URING_OP_IN_OUT_SZ */
struct my_uring_ent_in_out {                   /* struct fuse_uring_ent_in_out */
    uint64_t flags;
    uint64_t commit_id; /* the request's unique; echoed in my_uring_cmd_req.commit_id */
    uint32_t payload_sz; /* bytes valid in the payload buffer, both directions */
    uint32_t padding;
    uint64_t reserved;
};
struct my_uring_req_header {                   /* struct fuse_uring_req_header, iov[0] */
    char in_out[MY_URING_IN_OUT_HEADER_SZ];    /* fuse_in_header in, fuse_out_header out */
    char op_in[MY_URING_OP_IN_OUT_SZ];         /* the opcode's fixed argument struct */
    struct my_uring_ent_in_out ring_ent_in_out;
};
enum { MY_IO_URING_CMD_REGISTER = 1, MY_IO_URING_CMD_COMMIT_AND_FETCH = 2 }; /* enum fuse_uring_cmd */
struct my_uring_cmd_req {                      /* struct fuse_uring_cmd_req, in the SQE's cmd area */
    uint64_t flags;
    uint64_t commit_id;
    uint16_t qid;
    uint8_t padding[6];
};
#define MY_FUSE_MINOR 42 /* protocol 7.42 introduced FUSE over io_uring */

/* Passthrough (protocol 7.40), also missing from Debian 12's header. */
#define MY_FUSE_PASSTHROUGH_FLAGS2 (1u << 5) /* FUSE_PASSTHROUGH = 1ULL << 37, in flags2 */
#define MY_FOPEN_PASSTHROUGH (1u << 7)
struct my_open_out {                         /* struct fuse_open_out of 7.40 */
    uint64_t fh;
    uint32_t open_flags;
    int32_t backing_id; /* was padding */
};
struct my_backing_map {                      /* struct fuse_backing_map */
    int32_t fd;
    uint32_t flags;  /* must be 0 */
    uint64_t padding; /* must be 0 */
};
/* ioctls on the /dev/fuse fd of the connection */
#define MY_FUSE_DEV_IOC_BACKING_OPEN _IOW(229, 1, struct my_backing_map) /* returns the id */
#define MY_FUSE_DEV_IOC_BACKING_CLOSE _IOW(229, 2, uint32_t)
/* struct fuse_init_out of 7.40 calls unused[0] max_stack_depth */
#define MAX_STACK_DEPTH(io) ((io)->unused[0])

#define SMALL_INO 2
#define MAX_WRITE (128 * 1024)
#define PAYLOAD_SZ (1024 * 1024 + 4096) /* >= the kernel's max_payload_sz whatever max_pages is */
#define READ_BUF_SZ (PAYLOAD_SZ + 4096)
#define NO_REPLY (-100000) /* handler result: send nothing (not a length, not an errno) */

static const char *mountpoint;
static int fuse_fd = -1;
static int depth = 2, spin_us = 50, use_defer = 1, nthreads = 1, pin = 1;
static long st_size = 4096; /* /small's st_size (--st-size N) */
static atomic_ullong counter;
static atomic_ullong served_dev, served_ring[64]; /* requests answered per path, for the exit line */
static atomic_ullong served_op[64]; /* classic path: requests per opcode, for the exit line */
static unsigned long long pt_registrations; /* backing ids registered (passthrough) */
/* --pt-timing: server time spent per passthrough step, summed, printed at exit */
static int pt_timing;
static const char *pt_step_name[] = {"memfd_create", "pwrite", "BACKING_OPEN", "close", "BACKING_CLOSE"};
static double pt_step_s[5];
static unsigned long long pt_step_n[5];

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, int err) {
    fprintf(stderr, "uringfs: %s: %s (errno %d)\n", what, strerror(err), err);
    if (mountpoint) umount2(mountpoint, MNT_DETACH);
    _exit(1);
}

static void on_signal(int sig) {
    (void)sig;
    char msg[256];
    int n = snprintf(msg, sizeof msg, "uringfs: served via /dev/fuse %llu, via ring q0 %llu q1 %llu\n",
                     (unsigned long long)served_dev, (unsigned long long)served_ring[0],
                     (unsigned long long)served_ring[1]);
    if (write(2, msg, n) < 0) n = 0;
    /* per opcode (classic path): LOOKUP 1, GETATTR 3, OPEN 14, READ 15, RELEASE 18, FLUSH 25 */
    n = snprintf(msg, sizeof msg, "uringfs: by opcode: LOOKUP %llu GETATTR %llu OPEN %llu READ %llu "
                 "RELEASE %llu FLUSH %llu; backing ids registered %llu\n",
                 (unsigned long long)served_op[FUSE_LOOKUP], (unsigned long long)served_op[FUSE_GETATTR],
                 (unsigned long long)served_op[FUSE_OPEN], (unsigned long long)served_op[FUSE_READ],
                 (unsigned long long)served_op[FUSE_RELEASE], (unsigned long long)served_op[FUSE_FLUSH],
                 pt_registrations);
    if (write(2, msg, n) < 0) n = 0;
    for (int k = 0; k < 5 && pt_timing; k++) {
        n = snprintf(msg, sizeof msg, "uringfs: %s: %llu calls, %.2f µs each\n", pt_step_name[k],
                     pt_step_n[k], pt_step_n[k] ? pt_step_s[k] * 1e6 / pt_step_n[k] : 0.0);
        if (write(2, msg, n) < 0) n = 0;
    }
    umount2(mountpoint, MNT_DETACH);
    _exit(0);
}

/* ---------------------------------------------------------------- the file system */

/* /small's content: a 32-byte line from `fmt` (a counter in it), then lines of 'x' up to
 * content_size bytes (--content-size N, default 32, at most MAX_CONTENT). Returns the length. */
#define MAX_CONTENT 4096
static size_t content_size = 32;
static size_t make_content(char *buf, const char *fmt, unsigned long long counter) {
    snprintf(buf, 33, fmt, counter);
    for (size_t i = 32; i < content_size; i++) buf[i] = i % 32 == 31 ? '\n' : 'x';
    return content_size;
}

static void fill_attr(uint64_t ino, struct fuse_attr *a) {
    memset(a, 0, sizeof *a);
    a->ino = ino;
    if (ino == FUSE_ROOT_ID) {
        a->mode = S_IFDIR | 0755;
        a->nlink = 2;
    } else {
        a->mode = S_IFREG | 0444;
        a->nlink = 1;
        a->size = st_size; /* 4096 unless --st-size N (procfs says 0) */
        a->blocks = (st_size + 511) / 512;
    }
    a->blksize = 4096;
}

static size_t add_dirent(char *out, size_t cap, size_t pos, uint64_t ino, const char *name,
                         uint32_t type, uint64_t off) {
    size_t nl = strlen(name), ent = FUSE_DIRENT_ALIGN(FUSE_NAME_OFFSET + nl);
    if (pos + ent > cap) return 0;
    struct fuse_dirent *d = (struct fuse_dirent *)(out + pos);
    memset(d, 0, ent);
    d->ino = ino;
    d->off = off;
    d->namelen = nl;
    d->type = type;
    memcpy(d->name, name, nl);
    return ent;
}

/* ---------------------------------------------------------------- passthrough */

/* Why backing files are shared: the kernel attaches a backing file to the fuse *inode* at the
 * first passthrough open and keeps it there until the last passthrough file of that inode is
 * closed (fs/fuse/iomode.c). An OPEN reply naming another backing object while one is attached
 * fails that open() with EIO (EBUSY inside; the check compares the registered objects, so a
 * second id for the same memfd conflicts too), and so does an OPEN reply without
 * FOPEN_PASSTHROUGH. So a server cannot hand every open a fresh snapshot: while any open of the
 * inode is outstanding, new opens must get the same backing id, i.e. the same snapshot. We count
 * outstanding opens per backing id ourselves: +1 when we answer OPEN, -1 at its RELEASE. The
 * count is conservative: the kernel detaches the backing file at close(), before it queues the
 * (asynchronous) RELEASE, so when our count is 0 the kernel's is 0 too. A backing id is closed
 * only at the RELEASE of its last open, never earlier: the opener looks the id up after it gets
 * our reply. (The kernel holds its own reference to the file, so closing the id early would not
 * break files already open, but it would break an open whose reply is still on its way.) */
static int pt_mode, pt_reuse, pt_private, pt_log;
static const char *pt_test = ""; /* "", "conflict", "mixed" or "dio" */
static pthread_mutex_t pt_lock = PTHREAD_MUTEX_INITIALIZER; /* --threads N: one state for all */
static struct { int id, refs; } pt_tab[256]; /* registered backing ids and their open count */
static int pt_cur = -1;                      /* pt_tab index new opens share, -1: none */
static int pt_reuse_fd = -1, pt_reuse_id;    /* --pt-reuse: the one memfd and its id */
static unsigned long long pt_snapshots, pt_opens;

/* --pt-timing: pt_tick(k, t0) adds the time since t0 to step k (k < 0: nothing) and returns
 * the current time; 0 without --pt-timing. */
static double pt_tick(int k, double t0) {
    if (!pt_timing) return 0;
    double t = now_s();
    if (k >= 0) {
        pt_step_s[k] += t - t0;
        pt_step_n[k]++;
    }
    return t;
}

/* Writes this open's content (--content-size bytes, the same length every time) at offset 0. */
static int pt_fill(int fd) {
    char content[MAX_CONTENT];
    ssize_t len = make_content(content, "open %026llu\n", ++pt_snapshots);
    return pwrite(fd, content, len, 0) == len ? 0 : -errno;
}

/* Registers fd as a backing file; returns the id (> 0) or -errno. */
static int pt_register(int fd) {
    struct my_backing_map map = {.fd = fd};
    int id = ioctl(fuse_fd, MY_FUSE_DEV_IOC_BACKING_OPEN, &map);
    if (id < 0) return -errno;
    pt_registrations++;
    return id;
}

/* A new memfd with fresh content, registered; the fd itself is closed at once (the kernel
 * keeps a reference to the file). Returns a pt_tab index with refs 0, or -errno. */
static int pt_new_backing(void) {
    double t = pt_tick(-1, 0);
    int fd = memfd_create("pseudofs-small", MFD_CLOEXEC), err, id, i;
    t = pt_tick(0, t);
    if (fd < 0) return -errno;
    if ((err = pt_fill(fd)) < 0 || ((t = pt_tick(1, t)), (id = pt_register(fd)) < 0)) {
        close(fd);
        return err < 0 ? err : id;
    }
    t = pt_tick(2, t);
    close(fd);
    pt_tick(3, t);
    for (i = 0; i < 256 && pt_tab[i].id; i++) {}
    if (i == 256) { /* more than 256 distinct snapshots open at once: only --pt-test conflict */
        ioctl(fuse_fd, MY_FUSE_DEV_IOC_BACKING_CLOSE, &(uint32_t){id});
        return -EMFILE;
    }
    pt_tab[i].id = id;
    pt_tab[i].refs = 0;
    return i;
}

/* OPEN in passthrough mode: fills `o` (fh = the backing id, 0 without passthrough). */
static int pt_open(struct my_open_out *o) {
    int err = 0, i;
    unsigned dio = !strcmp(pt_test, "dio") ? FOPEN_DIRECT_IO : 0;
    pthread_mutex_lock(&pt_lock);
    pt_opens++;
    memset(o, 0, sizeof *o);
    if (!strcmp(pt_test, "mixed") && pt_opens % 2 == 0) {
        o->open_flags = FOPEN_DIRECT_IO; /* a plain open: READs go to the server */
        goto out;
    }
    if (pt_reuse) {
        /* one memfd, one id for the whole mount: rewrite it only when no open is outstanding
         * (the same 32 bytes each time, so no ftruncate; a mapping of it would still see the
         * change, which is why this is not the default) */
        if (pt_reuse_fd < 0) {
            if ((pt_reuse_fd = memfd_create("pseudofs-small", MFD_CLOEXEC)) < 0 ||
                (err = pt_fill(pt_reuse_fd)) < 0 || (pt_reuse_id = pt_register(pt_reuse_fd)) < 0) {
                err = err < 0 ? err : pt_reuse_fd < 0 ? -errno : pt_reuse_id;
                if (pt_reuse_fd >= 0) close(pt_reuse_fd);
                pt_reuse_fd = -1;
                goto out;
            }
            pt_cur = 0;
            pt_tab[0].id = pt_reuse_id;
        } else if (pt_tab[0].refs == 0) { /* nothing open: a new snapshot, in place */
            double t = pt_tick(-1, 0);
            if ((err = pt_fill(pt_reuse_fd)) < 0) goto out;
            pt_tick(1, t);
        } else if (pt_private) { /* an open is outstanding: its id, but READs to the server */
            dio = FOPEN_DIRECT_IO;
        }
        i = 0;
        if (pt_tab[0].refs > 0 && !strcmp(pt_test, "conflict")) {
            /* --pt-reuse --pt-test conflict: the same memfd, registered once more (a new id) */
            int id = pt_register(pt_reuse_fd);
            for (i = 1; i < 256 && pt_tab[i].id; i++) {}
            if (id < 0 || i == 256) {
                err = id < 0 ? id : -EMFILE;
                goto out;
            }
            pt_tab[i].id = id;
            pt_tab[i].refs = 0;
        }
    } else if (pt_cur >= 0 && pt_tab[pt_cur].refs > 0 && strcmp(pt_test, "conflict")) {
        i = pt_cur; /* an open is outstanding: share its snapshot (the kernel insists) */
        if (pt_private) dio = FOPEN_DIRECT_IO; /* ... or only its backing id, see --pt-private */
    } else {
        if ((i = pt_new_backing()) < 0) {
            err = i;
            goto out;
        }
        pt_cur = i;
    }
    pt_tab[i].refs++;
    o->fh = pt_tab[i].id;
    o->backing_id = pt_tab[i].id;
    o->open_flags = MY_FOPEN_PASSTHROUGH | dio;
out:
    if (pt_log)
        fprintf(stderr, "uringfs: OPEN #%llu -> %s fh %llu flags %#x (snapshot %llu)\n", pt_opens,
                err ? strerror(-err) : "ok", (unsigned long long)o->fh, o->open_flags, pt_snapshots);
    pthread_mutex_unlock(&pt_lock);
    return err;
}

/* RELEASE (or an OPEN reply the kernel did not take): one open of backing id `fh` less; the
 * last one closes the id (--pt-reuse keeps its one id until the unmount). */
static void pt_release(uint64_t fh) {
    if (!fh) return; /* a plain open (--pt-test mixed) */
    pthread_mutex_lock(&pt_lock);
    int i = 0, closed = 0;
    while (i < 256 && pt_tab[i].id != (int)fh) i++;
    if (i < 256 && pt_tab[i].refs > 0 && --pt_tab[i].refs == 0 && !(pt_reuse && i == 0)) {
        double t = pt_tick(-1, 0);
        if (ioctl(fuse_fd, MY_FUSE_DEV_IOC_BACKING_CLOSE, &(uint32_t){pt_tab[i].id}) < 0)
            fprintf(stderr, "uringfs: BACKING_CLOSE %d: %s\n", pt_tab[i].id, strerror(errno));
        pt_tick(4, t);
        pt_tab[i].id = 0;
        if (pt_cur == i) pt_cur = -1;
        closed = 1;
    }
    if (pt_log)
        fprintf(stderr, "uringfs: RELEASE fh %llu%s\n", (unsigned long long)fh,
                i == 256 ? " (unknown)" : closed ? ", backing id closed" : "");
    pthread_mutex_unlock(&pt_lock);
}

/* One request. `arg` is the opcode's fixed argument struct, `extra` the bytes after it (for
 * LOOKUP, whose fixed struct is empty, both point at the name). The answer's body goes to
 * `out` (at most `cap` bytes, it may alias `extra`). Returns the body length (>= 0), a
 * negative errno, or NO_REPLY. */
static int handle(const struct fuse_in_header *ih, const void *arg, const void *extra, char *out,
                  size_t cap) {
    switch (ih->opcode) {
    case FUSE_LOOKUP: {
        if (ih->nodeid != FUSE_ROOT_ID || strcmp((const char *)extra, "small")) return -ENOENT;
        struct fuse_entry_out e;
        memset(&e, 0, sizeof e);
        e.nodeid = SMALL_INO;
        e.generation = 1;
        e.entry_valid = 1;
        e.attr_valid = 1;
        fill_attr(SMALL_INO, &e.attr);
        memcpy(out, &e, sizeof e);
        return sizeof e;
    }
    case FUSE_GETATTR: {
        if (ih->nodeid != FUSE_ROOT_ID && ih->nodeid != SMALL_INO) return -ENOENT;
        struct fuse_attr_out a;
        memset(&a, 0, sizeof a);
        a.attr_valid = 1;
        fill_attr(ih->nodeid, &a.attr);
        memcpy(out, &a, sizeof a);
        return sizeof a;
    }
    case FUSE_OPEN: {
        const struct fuse_open_in *oi = arg;
        if (ih->nodeid != SMALL_INO) return -EISDIR;
        if ((oi->flags & O_ACCMODE) != O_RDONLY) return -EACCES;
        if (pt_mode) {
            struct my_open_out po;
            int err = pt_open(&po);
            if (err) return err;
            memcpy(out, &po, sizeof po);
            return sizeof po;
        }
        struct fuse_open_out o = {.fh = 1, .open_flags = FOPEN_DIRECT_IO};
        memcpy(out, &o, sizeof o);
        return sizeof o;
    }
    case FUSE_READ: {
        const struct fuse_read_in *ri = arg;
        if (ih->nodeid != SMALL_INO) return -EISDIR;
        char content[MAX_CONTENT];
        size_t len = make_content(content, "small %025llu\n", ++counter), off = ri->offset, n = 0;
        if (off < len) n = len - off;
        if (n > ri->size) n = ri->size;
        if (n > cap) n = cap;
        memcpy(out, content + off, n);
        return n;
    }
    case FUSE_RELEASE:
        if (pt_mode && ih->nodeid == SMALL_INO) pt_release(((const struct fuse_release_in *)arg)->fh);
        return 0;
    case FUSE_RELEASEDIR:
        return 0;
    case FUSE_OPENDIR: {
        if (ih->nodeid != FUSE_ROOT_ID) return -ENOTDIR;
        struct fuse_open_out o = {.fh = 0};
        memcpy(out, &o, sizeof o);
        return sizeof o;
    }
    case FUSE_READDIR: {
        const struct fuse_read_in *ri = arg;
        size_t lim = ri->size < cap ? ri->size : cap, pos = 0, n;
        const char *names[] = {".", "..", "small"};
        uint64_t inos[] = {FUSE_ROOT_ID, FUSE_ROOT_ID, SMALL_INO};
        for (uint64_t i = ri->offset; i < 3; i++) {
            n = add_dirent(out, lim, pos, inos[i], names[i], i < 2 ? S_IFDIR >> 12 : S_IFREG >> 12,
                           i + 1);
            if (!n) break;
            pos += n;
        }
        return pos;
    }
    case FUSE_FORGET:
    case FUSE_BATCH_FORGET:
    case FUSE_INTERRUPT:
        return NO_REPLY;
    case FUSE_DESTROY:
        return 0;
    case FUSE_FLUSH:
    default:
        return -ENOSYS;
    }
}

/* ---------------------------------------------------------------- classic /dev/fuse path */

static int uring_mode, uring_spin;

/* Answers INIT; in uring mode it asks for FUSE_OVER_IO_URING. */
static void answer_init(const struct fuse_in_header *ih, const struct fuse_init_in *ii) {
    struct fuse_out_header oh = {.unique = ih->unique};
    struct fuse_init_out io;
    memset(&io, 0, sizeof io);
    io.major = FUSE_KERNEL_VERSION;
    io.minor = ii->minor < MY_FUSE_MINOR ? ii->minor : MY_FUSE_MINOR;
    io.max_readahead = ii->max_readahead;
    io.max_write = MAX_WRITE;
    io.max_background = 16;
    io.congestion_threshold = 12;
    io.time_gran = 1;
    if (uring_mode) {
        int offered = (ii->flags & FUSE_INIT_EXT) && (ii->flags2 & MY_FUSE_OVER_IO_URING_FLAGS2);
        fprintf(stderr, "uringfs: INIT %u.%u flags %#x flags2 %#x, kernel %s FUSE_OVER_IO_URING\n",
                ii->major, ii->minor, ii->flags, ii->flags2, offered ? "offers" : "does NOT offer");
        io.flags = FUSE_INIT_EXT;
        io.flags2 = MY_FUSE_OVER_IO_URING_FLAGS2;
    }
    if (pt_mode) {
        /* FUSE_PASSTHROUGH needs FUSE_INIT_EXT (it lives in flags2) and a max_stack_depth of 1
         * or 2 (FILESYSTEM_MAX_STACK_DEPTH); 1: the backing files are on a non-stacked fs
         * (shmem here), and this mount could still be a layer of overlayfs. Without either the
         * kernel silently leaves passthrough off and BACKING_OPEN fails with EPERM. It is also
         * refused together with FUSE_WRITEBACK_CACHE (not asked for here). */
        int offered = (ii->flags & FUSE_INIT_EXT) && (ii->flags2 & MY_FUSE_PASSTHROUGH_FLAGS2);
        fprintf(stderr, "uringfs: INIT %u.%u flags %#x flags2 %#x, kernel %s FUSE_PASSTHROUGH\n",
                ii->major, ii->minor, ii->flags, ii->flags2, offered ? "offers" : "does NOT offer");
        if (!offered) die("passthrough", EOPNOTSUPP);
        io.flags = FUSE_INIT_EXT;
        io.flags2 = MY_FUSE_PASSTHROUGH_FLAGS2;
        MAX_STACK_DEPTH(&io) = 1;
    }
    struct iovec iov[2] = {{&oh, sizeof oh}, {&io, sizeof io}};
    oh.len = sizeof oh + sizeof io;
    if (writev(fuse_fd, iov, 2) < 0) die("writev INIT", errno);
}

/* Handles one request read from /dev/fuse (buf, n bytes); returns 0, or -1 after DESTROY. */
static int classic_one(char *buf, ssize_t n, char *out) {
    struct fuse_in_header *ih = (struct fuse_in_header *)buf;
    const char *body = buf + sizeof *ih;
    (void)n;
    if (ih->opcode == FUSE_INIT) {
        answer_init(ih, (const struct fuse_init_in *)body);
        return 0;
    }
    int r = handle(ih, body, body, out, READ_BUF_SZ);
    served_dev++;
    served_op[ih->opcode & 63]++;
    if (r == NO_REPLY) return 0;
    struct fuse_out_header oh = {.unique = ih->unique};
    struct iovec iov[2] = {{&oh, sizeof oh}, {out, r > 0 ? r : 0}};
    if (r < 0) oh.error = r;
    oh.len = sizeof oh + iov[1].iov_len;
    if (writev(fuse_fd, iov, 2) < 0) {
        if (errno != ENOENT) die("writev", errno);
        /* ENOENT: the request is gone (interrupted); no RELEASE will follow this OPEN */
        if (pt_mode && ih->opcode == FUSE_OPEN && r > 0) pt_release(((struct my_open_out *)out)->fh);
    }
    return ih->opcode == FUSE_DESTROY ? -1 : 0;
}

/* Blocking loop (classic; also the /dev/fuse side of uring mode). Stops on ENODEV. */
static void classic_loop(int stop_after_init) {
    char *buf = malloc(READ_BUF_SZ), *out = malloc(READ_BUF_SZ);
    for (;;) {
        ssize_t n = read(fuse_fd, buf, READ_BUF_SZ);
        if (n < 0) {
            if (errno == EINTR || errno == ENOENT || errno == EAGAIN) continue;
            if (errno == ENODEV) break;
            die("read /dev/fuse", errno);
        }
        int was_init = ((struct fuse_in_header *)buf)->opcode == FUSE_INIT;
        if (classic_one(buf, n, out) < 0) break;
        if (was_init && stop_after_init) break;
    }
    free(buf);
    free(out);
}

/* Non-blocking loop: after each answer keep calling read(2) for spin_us before poll(2). */
static void spin_loop(void) {
    char *buf = malloc(READ_BUF_SZ), *out = malloc(READ_BUF_SZ);
    fcntl(fuse_fd, F_SETFL, fcntl(fuse_fd, F_GETFL) | O_NONBLOCK);
    double last = 0, spin = spin_us / 1e6;
    for (;;) {
        ssize_t n = read(fuse_fd, buf, READ_BUF_SZ);
        if (n < 0) {
            if (errno == EAGAIN) {
                if (now_s() - last < spin) continue;
                struct pollfd p = {.fd = fuse_fd, .events = POLLIN};
                poll(&p, 1, -1);
                continue;
            }
            if (errno == EINTR || errno == ENOENT) continue;
            if (errno == ENODEV) break;
            die("read /dev/fuse", errno);
        }
        if (classic_one(buf, n, out) < 0) break;
        last = now_s();
    }
}

static void *classic_thread(void *a) { (void)a; classic_loop(0); return NULL; }
static void *spin_thread(void *a) { (void)a; spin_loop(); return NULL; }

/* ---------------------------------------------------------------- io_uring path */

struct ring {
    int fd;
    unsigned *sq_head, *sq_tail, *sq_mask, *sq_array;
    unsigned *cq_head, *cq_tail, *cq_mask;
    struct io_uring_cqe *cqes;
    char *sqes; /* 128-byte SQEs */
    unsigned to_submit;
};

struct entry {
    struct my_uring_req_header *hdr;
    char *payload;
    struct iovec iov[2];
};

static int ring_setup(struct ring *r, unsigned entries) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_SQE128;
    if (use_defer) p.flags |= IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
    r->fd = syscall(__NR_io_uring_setup, entries, &p);
    if (r->fd < 0) return -errno;
    size_t sq_sz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    size_t cq_sz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    if (p.features & IORING_FEAT_SINGLE_MMAP) sq_sz = cq_sz = sq_sz > cq_sz ? sq_sz : cq_sz;
    char *sq = mmap(0, sq_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
                    IORING_OFF_SQ_RING);
    if (sq == MAP_FAILED) return -errno;
    char *cq = sq;
    if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
        cq = mmap(0, cq_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
                  IORING_OFF_CQ_RING);
        if (cq == MAP_FAILED) return -errno;
    }
    r->sqes = mmap(0, p.sq_entries * 128, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
                   r->fd, IORING_OFF_SQES);
    if (r->sqes == MAP_FAILED) return -errno;
    r->sq_head = (unsigned *)(sq + p.sq_off.head);
    r->sq_tail = (unsigned *)(sq + p.sq_off.tail);
    r->sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
    r->sq_array = (unsigned *)(sq + p.sq_off.array);
    r->cq_head = (unsigned *)(cq + p.cq_off.head);
    r->cq_tail = (unsigned *)(cq + p.cq_off.tail);
    r->cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
    r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
    r->to_submit = 0;
    return 0;
}

/* Queues one FUSE uring command SQE (REGISTER with the entry's iovecs, or COMMIT_AND_FETCH). */
static void queue_cmd(struct ring *r, unsigned cmd_op, int qid, uint64_t commit_id,
                      struct entry *e, uint64_t user_data) {
    unsigned tail = *r->sq_tail, idx = tail & *r->sq_mask;
    struct io_uring_sqe *sqe = (struct io_uring_sqe *)(r->sqes + (size_t)idx * 128);
    memset(sqe, 0, 128);
    sqe->opcode = IORING_OP_URING_CMD;
    sqe->fd = fuse_fd;
    sqe->cmd_op = cmd_op;
    sqe->user_data = user_data;
    if (cmd_op == MY_IO_URING_CMD_REGISTER) {
        sqe->addr = (uint64_t)(uintptr_t)e->iov;
        sqe->len = 2;
    }
    struct my_uring_cmd_req *req = (struct my_uring_cmd_req *)sqe->cmd;
    req->qid = qid;
    req->commit_id = commit_id;
    r->sq_array[idx] = idx;
    atomic_store_explicit((_Atomic unsigned *)r->sq_tail, tail + 1, memory_order_release);
    r->to_submit++;
}

static int ring_enter_flags(struct ring *r, unsigned min_complete, unsigned flags) {
    for (;;) {
        int n = syscall(__NR_io_uring_enter, r->fd, r->to_submit, min_complete, flags, NULL, 0);
        if (n >= 0) {
            r->to_submit -= n;
            return 0;
        }
        if (errno == EINTR) continue;
        return -errno;
    }
}

static int ring_enter(struct ring *r, unsigned min_complete) {
    return ring_enter_flags(r, min_complete, IORING_ENTER_GETEVENTS);
}

static int nr_queues;

static void *queue_thread(void *argp) {
    int qid = (int)(intptr_t)argp;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(qid, &set);
    if (pin && pthread_setaffinity_np(pthread_self(), sizeof set, &set))
        fprintf(stderr, "uringfs: q%d: cannot pin to CPU %d\n", qid, qid);
    struct ring r;
    int err = ring_setup(&r, depth * 2);
    if (err) die("io_uring_setup", -err);
    struct entry *ents = calloc(depth, sizeof *ents);
    for (int i = 0; i < depth; i++) {
        struct entry *e = &ents[i];
        e->hdr = aligned_alloc(4096, 4096);
        e->payload = aligned_alloc(4096, PAYLOAD_SZ);
        memset(e->hdr, 0, 4096);
        memset(e->payload, 0, PAYLOAD_SZ);
        e->iov[0] = (struct iovec){e->hdr, sizeof *e->hdr};
        e->iov[1] = (struct iovec){e->payload, PAYLOAD_SZ};
        queue_cmd(&r, MY_IO_URING_CMD_REGISTER, qid, 0, e, i);
    }
    /* REGISTER completes only when a request arrives, so submit and then wait. */
    err = ring_enter(&r, 0);
    if (err) die("io_uring_enter (REGISTER)", -err);
    double last = now_s(), spin = spin_us / 1e6;
    for (;;) {
        if (uring_spin) {
            /* submit the commits without waiting, then watch the CQ tail for spin_us before
             * sleeping (no DEFER_TASKRUN here, so completions need no syscall to appear) */
            if (r.to_submit && (err = ring_enter_flags(&r, 0, 0))) die("io_uring_enter", -err);
            while (atomic_load_explicit((_Atomic unsigned *)r.cq_tail, memory_order_acquire) ==
                       *r.cq_head && now_s() - last < spin)
                __builtin_ia32_pause();
            if (atomic_load_explicit((_Atomic unsigned *)r.cq_tail, memory_order_acquire) ==
                *r.cq_head && (err = ring_enter(&r, 1)))
                die("io_uring_enter", -err);
        } else if ((err = ring_enter(&r, 1))) die("io_uring_enter", -err);
        unsigned head = *r.cq_head;
        unsigned tail = atomic_load_explicit((_Atomic unsigned *)r.cq_tail, memory_order_acquire);
        for (; head != tail; head++) {
            struct io_uring_cqe *c = &r.cqes[head & *r.cq_mask];
            struct entry *e = &ents[c->user_data];
            if (c->res < 0) {
                if (c->res == -ENOTCONN || c->res == -ECONNABORTED || c->res == -ECANCELED)
                    return NULL; /* unmounted */
                die("uring CQE (REGISTER or COMMIT_AND_FETCH)", -c->res);
            }
            struct fuse_in_header *ih = (struct fuse_in_header *)e->hdr->in_out;
            uint64_t commit_id = e->hdr->ring_ent_in_out.commit_id;
            int res = handle(ih, e->hdr->op_in, e->payload, e->payload, PAYLOAD_SZ);
            if (res == NO_REPLY) res = 0; /* the kernel still waits for a commit */
            served_ring[qid & 63]++;
            struct fuse_out_header *oh = (struct fuse_out_header *)e->hdr->in_out;
            uint64_t unique = ih->unique;
            memset(oh, 0, sizeof *oh);
            oh->unique = unique;
            oh->error = res < 0 ? res : 0;
            oh->len = sizeof *oh + (res > 0 ? res : 0);
            e->hdr->ring_ent_in_out.payload_sz = res > 0 ? res : 0;
            queue_cmd(&r, MY_IO_URING_CMD_COMMIT_AND_FETCH, qid, commit_id, e, c->user_data);
        }
        atomic_store_explicit((_Atomic unsigned *)r.cq_head, head, memory_order_release);
        last = now_s();
    }
}

static int possible_cpus(void) {
    FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
    int a = 0, b = 0, n = 0;
    char s[256];
    if (f && fgets(s, sizeof s, f)) {
        /* "0-1" or "0,2-3": take the highest number + 1 */
        for (char *p = s; *p;) {
            if (sscanf(p, "%d-%d", &a, &b) == 2) n = b + 1 > n ? b + 1 : n;
            else if (sscanf(p, "%d", &a) == 1) n = a + 1 > n ? a + 1 : n;
            while (*p && *p != ',') p++;
            if (*p) p++;
        }
    }
    if (f) fclose(f);
    return n ? n : (int)sysconf(_SC_NPROCESSORS_CONF);
}

/* --drop-cap-sys-admin: after the mount, drop CAP_SYS_ADMIN from this process's effective and
 * permitted sets (raw capget/capset, no libcap), to see what BACKING_OPEN says without it. */
static void drop_cap_sys_admin(void) {
    struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct d[2];
    if (syscall(SYS_capget, &h, d)) die("capget", errno);
    d[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
    d[CAP_SYS_ADMIN / 32].permitted &= ~(1u << (CAP_SYS_ADMIN % 32));
    if (syscall(SYS_capset, &h, d)) die("capset", errno);
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
    int mode = -1, drop_admin = 0; /* mode: 0 classic, 1 spin, 2 uring */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--classic")) mode = 0;
        else if (!strcmp(argv[i], "--spin")) mode = 1;
        else if (!strcmp(argv[i], "--uring")) mode = 2;
        else if (!strcmp(argv[i], "--uring-spin")) mode = 2, uring_spin = 1, use_defer = 0;
        else if (!strcmp(argv[i], "--depth") && i + 1 < argc) depth = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--spin-us") && i + 1 < argc) spin_us = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--no-defer")) use_defer = 0;
        else if (!strcmp(argv[i], "--no-pin")) pin = 0;
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) nthreads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--passthrough")) pt_mode = 1;
        else if (!strcmp(argv[i], "--pt-reuse")) pt_reuse = 1;
        else if (!strcmp(argv[i], "--pt-log")) pt_log = 1;
        else if (!strcmp(argv[i], "--pt-private")) pt_private = 1;
        else if (!strcmp(argv[i], "--pt-timing")) pt_timing = 1;
        else if (!strcmp(argv[i], "--drop-cap-sys-admin")) drop_admin = 1;
        else if (!strcmp(argv[i], "--st-size") && i + 1 < argc) st_size = atol(argv[++i]);
        else if (!strcmp(argv[i], "--content-size") && i + 1 < argc) content_size = atol(argv[++i]);
        else if (!strcmp(argv[i], "--pt-test") && i + 1 < argc) pt_test = argv[++i];
        else mountpoint = argv[i];
    }
    if (pt_mode && mode < 0) mode = 0;
    if (mode < 0 || !mountpoint || depth < 1 || (pt_mode && mode == 2) || content_size < 32 ||
        content_size > MAX_CONTENT ||
        (*pt_test && strcmp(pt_test, "conflict") && strcmp(pt_test, "mixed") && strcmp(pt_test, "dio"))) {
        fprintf(stderr, "usage: uringfs --classic|--spin|--uring|--uring-spin MOUNTPOINT [--depth N] "
                        "[--spin-us N] [--no-defer] [--threads N] [--no-pin]\n"
                        "       uringfs [--classic|--spin] --passthrough MOUNTPOINT [--pt-reuse] [--pt-private] "
                        "[--pt-test conflict|mixed|dio] [--pt-log] [--pt-timing] [--spin-us N] [--threads N] [--st-size N]\n"
                        "       [--drop-cap-sys-admin] [--content-size N]\n");
        return 2;
    }
    uring_mode = mode == 2;
    fuse_fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fuse_fd < 0) die("open /dev/fuse", errno);
    char opts[128];
    snprintf(opts, sizeof opts, "fd=%d,rootmode=40000,user_id=0,group_id=0,allow_other", fuse_fd);
    const char *names[] = {pt_mode ? "fuse.uringfs-pt" : "fuse.uringfs-classic",
                           pt_mode ? "fuse.uringfs-pt-spin" : "fuse.uringfs-spin",
                           uring_spin ? "fuse.uringfs-uring-spin" : "fuse.uringfs-uring"};
    if (mount("uringfs", mountpoint, names[mode], MS_NOSUID | MS_NODEV, opts))
        die("mount", errno);
    if (drop_admin) drop_cap_sys_admin();
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    if (mode < 2) {
        /* --threads N: N threads read the same /dev/fuse fd (like libfuse's multi-threaded loop) */
        pthread_t t[64];
        for (int i = 1; i < nthreads && i < 64; i++)
            pthread_create(&t[i], NULL, mode == 0 ? classic_thread : spin_thread, NULL);
        if (mode == 0) classic_loop(0);
        else spin_loop();
    } else {
        classic_loop(1); /* INIT arrives through read(2) */
        nr_queues = possible_cpus();
        fprintf(stderr, "uringfs: %d queues, %d entries each, %s%s\n", nr_queues, depth,
                use_defer ? "SINGLE_ISSUER|DEFER_TASKRUN" : "plain rings",
                uring_spin ? ", spinning on the CQ" : "");
        pthread_t *t = calloc(nr_queues, sizeof *t);
        for (int q = 0; q < nr_queues; q++)
            pthread_create(&t[q], NULL, queue_thread, (void *)(intptr_t)q);
        classic_loop(0); /* FORGET and INTERRUPT still come this way */
        for (int q = 0; q < nr_queues; q++) pthread_join(t[q], NULL);
    }
    umount2(mountpoint, MNT_DETACH);
    return 0;
}
