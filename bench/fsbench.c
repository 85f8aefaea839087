/* fsbench: open+read(4096)+close of one file in a bounded loop; prints ops/s.
 * usage: fsbench FILE OPS SECONDS
 * The loop stops after OPS operations or SECONDS seconds, whichever comes first,
 * after 1/10 of OPS untimed warm-up operations. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int once(const char *path, char *buf) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, 4096);
    close(fd);
    return n < 0 ? -1 : 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s FILE OPS SECONDS\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    long ops = atol(argv[2]);
    double limit = atof(argv[3]);
    char buf[4096];
    for (long i = 0; i < ops / 10; i++)
        if (once(path, buf)) { perror(path); return 1; }
    double start = now(), end = start;
    long done = 0;
    while (done < ops && (end = now()) - start < limit) {
        if (once(path, buf)) { perror(path); return 1; }
        done++;
    }
    end = now();
    printf("%.0f\n", done / (end - start));
    return 0;
}
