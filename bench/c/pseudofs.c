/* pseudofs.c: a minimal C libfuse2 server with the benchmark's file shapes, the reference
 * pseudofs is compared with (bench/run.sh). Same shapes and bytes as the Java BenchTree:
 *   /small     32-byte line, a new counter on every read, st_size 4096
 *   /sizezero  the same line, st_size 0
 *   /big       64 MiB of the 1 MiB periodic pattern
 *   /dir       10,000 entries f00000 ... f09999 (each like /small)
 *   /store     a write replaces the value (up to 4096 bytes), a read returns it
 * usage: pseudofs MOUNTPOINT -f [-s] [-o OPTIONS] [--no-pf-dio]
 * Per-file direct_io is on for every file unless --no-pf-dio is given. */
#define FUSE_USE_VERSION 26
#include <errno.h>
#include <fuse.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERIOD (1 << 20)
#define BIG (64L << 20)
#define ENTRIES 10000

static int pf_dio = 1;
static unsigned long counter;
static char pattern[PERIOD];
static char store_value[4096] = "0\n";
static size_t store_len = 2;
static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;

enum kind { NONE, ROOT, SMALL, SIZEZERO, BIGF, DIR, ENTRY, STORE };

static enum kind kind_of(const char *p) {
    if (!strcmp(p, "/")) return ROOT;
    if (!strcmp(p, "/small")) return SMALL;
    if (!strcmp(p, "/sizezero")) return SIZEZERO;
    if (!strcmp(p, "/big")) return BIGF;
    if (!strcmp(p, "/dir")) return DIR;
    if (!strcmp(p, "/store")) return STORE;
    if (!strncmp(p, "/dir/f", 6) && strlen(p) == 11) {
        int n = atoi(p + 6);
        if (n >= 0 && n < ENTRIES) return ENTRY;
    }
    return NONE;
}

static int pf_getattr(const char *path, struct stat *st) {
    memset(st, 0, sizeof *st);
    st->st_nlink = 1;
    switch (kind_of(path)) {
    case ROOT: case DIR: st->st_mode = S_IFDIR | 0755; st->st_nlink = 2; return 0;
    case SMALL: case ENTRY: st->st_mode = S_IFREG | 0444; st->st_size = 4096; return 0;
    case SIZEZERO: st->st_mode = S_IFREG | 0444; st->st_size = 0; return 0;
    case BIGF: st->st_mode = S_IFREG | 0444; st->st_size = BIG; return 0;
    case STORE: st->st_mode = S_IFREG | 0644; st->st_size = 4096; return 0;
    default: return -ENOENT;
    }
}

static int pf_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
                      struct fuse_file_info *fi) {
    (void) off; (void) fi;
    enum kind k = kind_of(path);
    if (k != ROOT && k != DIR) return -ENOTDIR;
    fill(buf, ".", NULL, 0);
    fill(buf, "..", NULL, 0);
    if (k == ROOT) {
        const char *names[] = {"small", "sizezero", "big", "dir", "store"};
        for (int i = 0; i < 5; i++) fill(buf, names[i], NULL, 0);
    } else {
        char name[16];
        for (int i = 0; i < ENTRIES; i++) {
            snprintf(name, sizeof name, "f%05d", i);
            fill(buf, name, NULL, 0);
        }
    }
    return 0;
}

static int pf_open(const char *path, struct fuse_file_info *fi) {
    enum kind k = kind_of(path);
    if (k == NONE) return -ENOENT;
    if (k == ROOT || k == DIR) return -EISDIR;
    if ((fi->flags & O_ACCMODE) != O_RDONLY && k != STORE) return -EACCES;
    fi->direct_io = pf_dio;
    return 0;
}

static int copy_out(char *buf, size_t size, off_t off, const char *src, size_t len) {
    if (off >= (off_t) len) return 0;
    size_t n = len - off < size ? len - off : size;
    memcpy(buf, src + off, n);
    return (int) n;
}

static int pf_read(const char *path, char *buf, size_t size, off_t off,
                   struct fuse_file_info *fi) {
    (void) fi;
    switch (kind_of(path)) {
    case SMALL: case SIZEZERO: case ENTRY: {
        char line[33];
        snprintf(line, sizeof line, "%031lu\n", __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
        return copy_out(buf, size, off, line, 32);
    }
    case BIGF: {
        if (off >= BIG) return 0;
        size_t n = BIG - off < (off_t) size ? (size_t) (BIG - off) : size;
        for (size_t done = 0; done < n;) {
            size_t at = (off + done) % PERIOD, chunk = PERIOD - at;
            if (chunk > n - done) chunk = n - done;
            memcpy(buf + done, pattern + at, chunk);
            done += chunk;
        }
        return (int) n;
    }
    case STORE: {
        pthread_mutex_lock(&store_lock);
        int n = copy_out(buf, size, off, store_value, store_len);
        pthread_mutex_unlock(&store_lock);
        return n;
    }
    default: return -ENOENT;
    }
}

static int pf_write(const char *path, const char *buf, size_t size, off_t off,
                    struct fuse_file_info *fi) {
    (void) off; (void) fi;
    if (kind_of(path) != STORE) return -EACCES;
    if (size > sizeof store_value) size = sizeof store_value; /* one page, like sysfs */
    pthread_mutex_lock(&store_lock);
    memcpy(store_value, buf, size);
    store_len = size;
    pthread_mutex_unlock(&store_lock);
    return (int) size;
}

static int pf_truncate(const char *path, off_t size) {
    (void) size;
    return kind_of(path) == STORE ? 0 : -EACCES; /* O_TRUNC of echo: accepted, no effect */
}

static struct fuse_operations ops = {
    .getattr = pf_getattr, .readdir = pf_readdir, .open = pf_open,
    .read = pf_read, .write = pf_write, .truncate = pf_truncate,
};

int main(int argc, char **argv) {
    /* Byte j: newline ending each 64-byte line, else a letter (Pattern.java's formula). */
    for (int j = 0; j < PERIOD; j++)
        pattern[j] = j % 64 == 63 ? '\n' : 'a' + ((j / 64) * 7 + j % 64) % 26;
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--no-pf-dio")) pf_dio = 0;
        else argv[n++] = argv[i];
    }
    argv[n] = NULL;
    return fuse_main(n, argv, &ops, NULL);
}
