/* pt-check.c - small tests of what FUSE passthrough does to a file's semantics, against a mount
 * of bench/c/uring.c. Each test prints what it saw, one line per step; run-pt-check.sh starts the
 * right server for each and compares with the expected outcome (bench/c/passthrough-notes.md).
 *
 *   pt-check snapshot FILE   open A, read; open B, read, close B; lseek(A, 0), read; close A;
 *                            open C, read, close C. Shows whether a kept-open file sees new
 *                            content and whether an overlapping open gets the same content.
 *   pt-check overlap FILE    open A; open B (while A is open); open C; close all; open D;
 *                            open E (while D is open). Prints errno of each open, and what a
 *                            read of each open file gives.
 *   pt-check read FILE       open, read, close; prints the content (for --pt-test dio: does the
 *                            READ reach the server?)
 *   pt-check mmap FILE       open A, mmap it (shared, read-only), close A; print the mapping;
 *                            open B, read, close B; print the mapping again, munmap. Does a
 *                            mapping outlive the RELEASE, and does it see a later snapshot?
 *
 * Build: gcc -O2 -o /tmp/pt-check bench/c/pt-check.c */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *path;

/* Opens FILE read-only; prints the outcome under NAME. Returns the fd or -1. */
static int try_open(const char *name) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) printf("open %s: -1 %s\n", name, strerror(errno));
    else printf("open %s: ok\n", name);
    return fd;
}

/* Reads up to 4096 bytes at the current position; prints the first line under NAME. */
static void try_read(const char *name, int fd) {
    char buf[4097];
    if (fd < 0) return;
    ssize_t n = read(fd, buf, 4096);
    if (n < 0) {
        printf("read %s: -1 %s\n", name, strerror(errno));
        return;
    }
    buf[n] = 0;
    char *nl = strchr(buf, '\n');
    if (nl) *nl = 0;
    printf("read %s: %zd bytes \"%s\"\n", name, n, buf);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: pt-check snapshot|overlap|read|mmap FILE\n");
        return 2;
    }
    path = argv[2];
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!strcmp(argv[1], "snapshot")) {
        int a = try_open("A");
        try_read("A", a);
        int b = try_open("B (A still open)");
        try_read("B", b);
        if (b >= 0) close(b);
        if (a >= 0) lseek(a, 0, SEEK_SET);
        try_read("A again after lseek(0)", a);
        if (a >= 0) close(a);
        usleep(20000); /* let the asynchronous RELEASEs reach the server */
        int c = try_open("C (nothing open)");
        try_read("C", c);
        if (c >= 0) close(c);
    } else if (!strcmp(argv[1], "overlap")) {
        int a = try_open("A");
        int b = try_open("B (A open)");
        int c = try_open("C (A, B open)");
        try_read("A", a);
        try_read("B", b);
        try_read("C", c);
        if (a >= 0) close(a);
        if (b >= 0) close(b);
        if (c >= 0) close(c);
        usleep(20000);
        int d = try_open("D (nothing open)");
        int e = try_open("E (D open)");
        try_read("D", d);
        try_read("E", e);
        if (d >= 0) close(d);
        if (e >= 0) close(e);
    } else if (!strcmp(argv[1], "mmap")) {
        int a = try_open("A");
        if (a < 0) return 1;
        char *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, a, 0);
        if (m == MAP_FAILED) {
            printf("mmap A: -1 %s\n", strerror(errno));
            return 1;
        }
        close(a);
        usleep(20000); /* the RELEASE, if the close sends one now, reaches the server */
        printf("mapping of A after close(A): \"%.31s\"\n", m);
        int b = try_open("B (A closed, still mapped)");
        try_read("B", b);
        if (b >= 0) close(b);
        printf("mapping of A after B: \"%.31s\"\n", m);
        munmap(m, 4096);
        usleep(20000);
        printf("munmap done\n");
    } else if (!strcmp(argv[1], "read")) {
        int a = try_open("A");
        try_read("A", a);
        if (a >= 0) close(a);
    } else {
        fprintf(stderr, "unknown test %s\n", argv[1]);
        return 2;
    }
    return 0;
}
