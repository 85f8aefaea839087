/* lsdir.c: the C reference for bench/ls-scale.sh: a libfuse3 low-level server of one directory
 * /flat of N read-only files a000000 ... (content "I\n", st_size 4096 like a sysfs attribute),
 * with READDIRPLUS as the Java bridge answers it (attributes of every name, node id 0 for "."
 * and "..") and 1 s entry/attribute timeouts (the bridge's defaults).
 * build: gcc -O2 -Wall -o lsdir bench/c/lsdir.c $(pkg-config --cflags --libs fuse3)
 * usage: LSDIR_ENTRIES=100000 lsdir MOUNTPOINT -f [-s] [--no-plus]
 *   -s         one thread (libfuse's option); without it libfuse's thread pool
 *   --no-plus  no READDIRPLUS: the kernel then sends one LOOKUP per name, as with libfuse 2
 *   --xattr    answer GETXATTR as pseudofs does (K15: ENODATA for security.* and trusted.*,
 *              EOPNOTSUPP for the rest); without it the server has
 *              no getxattr, the kernel gets ENOSYS once and never asks again */
#define FUSE_USE_VERSION 312
#include <errno.h>
#include <fuse_lowlevel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DIR_INO 2 /* files are DIR_INO + 1 + i */

static long entries = 100000;
static int plus = 1, xattr = 0;

static void stat_of(fuse_ino_t ino, struct stat *st) {
    memset(st, 0, sizeof *st);
    st->st_ino = ino;
    if (ino == FUSE_ROOT_ID || ino == DIR_INO) {
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = 2;
    } else {
        st->st_mode = S_IFREG | 0444;
        st->st_nlink = 1;
        st->st_size = 4096;
    }
}

static int entry_of(fuse_ino_t ino, struct fuse_entry_param *e) {
    memset(e, 0, sizeof *e);
    e->ino = ino;
    e->generation = 1;
    e->attr_timeout = 1.0;
    e->entry_timeout = 1.0;
    stat_of(ino, &e->attr);
    return 0;
}

static fuse_ino_t child(fuse_ino_t parent, const char *name) {
    if (parent == FUSE_ROOT_ID) return strcmp(name, "flat") ? 0 : DIR_INO;
    if (parent != DIR_INO || name[0] != 'a' || strlen(name) != 7) return 0;
    char *end;
    long i = strtol(name + 1, &end, 10);
    return *end || i < 0 || i >= entries ? 0 : DIR_INO + 1 + i;
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name) {
    struct fuse_entry_param e;
    fuse_ino_t ino = child(parent, name);
    if (!ino) { fuse_reply_err(req, ENOENT); return; }
    entry_of(ino, &e);
    fuse_reply_entry(req, &e);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    (void) fi;
    struct stat st;
    if (ino > (fuse_ino_t) (DIR_INO + entries)) { fuse_reply_err(req, ENOENT); return; }
    stat_of(ino, &st);
    fuse_reply_attr(req, &st, 1.0);
}

static void op_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    if (ino != FUSE_ROOT_ID && ino != DIR_INO) { fuse_reply_err(req, ENOTDIR); return; }
    fuse_reply_open(req, fi);
}

/* Offsets: 1 ".", 2 "..", 3 + i the i-th file; the root holds only "flat". */
static void list(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, int with_attrs) {
    char *buf = malloc(size), name[24];
    size_t used = 0;
    long count = ino == DIR_INO ? entries : 1;
    for (long k = off; k < 2 + count; k++) {
        struct fuse_entry_param e;
        const char *n;
        if (k == 0) n = ".";
        else if (k == 1) n = "..";
        else if (ino == DIR_INO) { snprintf(name, sizeof name, "a%06ld", k - 2); n = name; }
        else n = "flat";
        fuse_ino_t child_ino = k < 2 ? 0 : ino == DIR_INO ? DIR_INO + 1 + (k - 2) : DIR_INO;
        size_t need;
        if (with_attrs) {
            if (child_ino) entry_of(child_ino, &e);
            else { memset(&e, 0, sizeof e); e.attr.st_ino = ino; e.attr.st_mode = S_IFDIR; }
            need = fuse_add_direntry_plus(req, buf + used, size - used, n, &e, k + 1);
        } else {
            struct stat st = {.st_ino = child_ino ? child_ino : ino,
                              .st_mode = child_ino && ino == DIR_INO ? S_IFREG : S_IFDIR};
            need = fuse_add_direntry(req, buf + used, size - used, n, &st, k + 1);
        }
        if (need > size - used) break; /* full: the kernel asks again from offset k */
        used += need;
    }
    fuse_reply_buf(req, buf, used);
    free(buf);
}

static void op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
                       struct fuse_file_info *fi) {
    (void) fi;
    list(req, ino, size, off, 0);
}

static void op_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
                           struct fuse_file_info *fi) {
    (void) fi;
    list(req, ino, size, off, 1);
}

static void op_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size) {
    (void) ino; (void) size; /* kernfs: security.* and trusted.* stored (none here), no ACLs */
    int stored = !strncmp(name, "security.", 9) || !strncmp(name, "trusted.", 8);
    fuse_reply_err(req, stored ? ENODATA : EOPNOTSUPP);
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    if (ino == FUSE_ROOT_ID || ino == DIR_INO) fuse_reply_err(req, EISDIR);
    else if ((fi->flags & O_ACCMODE) != O_RDONLY) fuse_reply_err(req, EACCES);
    else { fi->direct_io = 1; fuse_reply_open(req, fi); }
}

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
                    struct fuse_file_info *fi) {
    (void) fi;
    char line[24];
    int n = snprintf(line, sizeof line, "%ld\n", (long) (ino - DIR_INO - 1));
    if (off >= n) { fuse_reply_buf(req, NULL, 0); return; }
    fuse_reply_buf(req, line + off, (size_t) (n - off) < size ? (size_t) (n - off) : size);
}

int main(int argc, char **argv) {
    const char *n = getenv("LSDIR_ENTRIES");
    if (n) entries = atol(n);
    int k = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--no-plus")) plus = 0;
        else if (!strcmp(argv[i], "--xattr")) xattr = 1;
        else argv[k++] = argv[i];
    }
    argv[k] = NULL;
    struct fuse_lowlevel_ops ops = {
        .lookup = op_lookup, .getattr = op_getattr, .opendir = op_opendir,
        .readdir = op_readdir, .open = op_open, .read = op_read,
    };
    if (plus) ops.readdirplus = op_readdirplus;
    if (xattr) ops.getxattr = op_getxattr;
    struct fuse_args args = FUSE_ARGS_INIT(k, argv);
    struct fuse_cmdline_opts opts;
    if (fuse_parse_cmdline(&args, &opts) != 0 || !opts.mountpoint) {
        fprintf(stderr, "usage: lsdir MOUNTPOINT -f [-s] [--no-plus]\n");
        return 1;
    }
    struct fuse_session *se = fuse_session_new(&args, &ops, sizeof ops, NULL);
    if (!se || fuse_set_signal_handlers(se) || fuse_session_mount(se, opts.mountpoint)) return 1;
    int rc;
    if (opts.singlethread) rc = fuse_session_loop(se);
    else {
        struct fuse_loop_config *cfg = fuse_loop_cfg_create();
        rc = fuse_session_loop_mt(se, cfg);
        fuse_loop_cfg_destroy(cfg);
    }
    fuse_session_unmount(se);
    fuse_remove_signal_handlers(se);
    fuse_session_destroy(se);
    free(opts.mountpoint);
    fuse_opt_free_args(&args);
    return rc ? 1 : 0;
}
