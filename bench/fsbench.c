/* fsbench: the benchmark client. Every loop is bounded by a count and by a time, timed with
 * clock_gettime(CLOCK_MONOTONIC) after an untimed warm-up of 1/10 of the count.
 *
 *   fsbench openread FILE OPS SECS THREADS   open+read(4096)+close, ops/s over all threads
 *   fsbench stat FILE OPS SECS               stat(2), ops/s
 *   fsbench write FILE OPS SECS              open(O_WRONLY|O_TRUNC)+write("1\n")+close, ops/s
 *   fsbench readdir DIR REPS SECS            opendir+readdir to the end+closedir, ms per pass
 *   fsbench seqread FILE BLOCK_KIB PASSES SECS  sequential read(BLOCK) to EOF, MB/s (10^6 B)
 *   fsbench ready FILE TIMEOUT_MS CMD...     fork+exec CMD, poll open+read of FILE every
 *                                            0.2 ms, print ms to the first successful read,
 *                                            then SIGTERM CMD and wait for it
 *   fsbench FILE OPS SECS                    the old form: openread with one thread
 *
 * Output: "VALUE CPU" where CPU is the server's CPU time per operation in microseconds, from
 * the utime+stime delta of /proc/$FSBENCH_PID/stat over the timed section (-1 without
 * FSBENCH_PID). The old form prints VALUE only. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Returns utime+stime of the server in seconds, or -1 without FSBENCH_PID. */
static double server_cpu(void) {
    const char *pid = getenv("FSBENCH_PID");
    if (!pid || !*pid) return -1;
    char path[64], line[4096];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = 0;
    char *p = strrchr(line, ')'); /* comm may hold spaces: fields count from after ')' */
    if (!p) return -1;
    unsigned long ut = 0, st = 0;
    /* after ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15) */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2) return -1;
    return (ut + st) / (double) sysconf(_SC_CLK_TCK);
}

static void report(double value, double cpu0, double cpu1, long ops) {
    double cpu = cpu0 < 0 || cpu1 < 0 || ops == 0 ? -1 : (cpu1 - cpu0) * 1e6 / ops;
    printf("%.6g %.3g\n", value, cpu);
}

static void die(const char *what) { perror(what); exit(1); }

/* ---- open+read+close, stat, write: one op per call ---- */

enum op { OPENREAD, STAT, WRITE };
struct job { enum op op; const char *path; long ops; double secs; long done; pthread_barrier_t *bar; };

static int once(enum op op, const char *path, char *buf) {
    int fd;
    struct stat st;
    switch (op) {
    case OPENREAD:
        if ((fd = open(path, O_RDONLY)) < 0) return -1;
        if (read(fd, buf, 4096) < 0) { close(fd); return -1; }
        return close(fd);
    case STAT:
        return stat(path, &st);
    case WRITE:
        if ((fd = open(path, O_WRONLY | O_TRUNC)) < 0) return -1;
        if (write(fd, "1\n", 2) != 2) { close(fd); return -1; }
        return close(fd);
    }
    return -1;
}

static void *worker(void *arg) {
    struct job *j = arg;
    char buf[4096];
    for (long i = 0; i < j->ops / 10; i++)
        if (once(j->op, j->path, buf)) die(j->path);
    pthread_barrier_wait(j->bar);
    double start = now();
    while (j->done < j->ops && now() - start < j->secs) {
        if (once(j->op, j->path, buf)) die(j->path);
        j->done++;
    }
    return NULL;
}

/* Runs OPS operations split over THREADS threads; prints ops/s (and server CPU per op). */
static int run_ops(enum op op, const char *path, long ops, double secs, int threads, int old) {
    pthread_barrier_t bar;
    pthread_barrier_init(&bar, NULL, threads + 1);
    struct job jobs[64];
    pthread_t tids[64];
    if (threads < 1 || threads > 64) { fprintf(stderr, "threads: 1-64\n"); return 2; }
    for (int t = 0; t < threads; t++) {
        jobs[t] = (struct job) {op, path, ops / threads, secs, 0, &bar};
        pthread_create(&tids[t], NULL, worker, &jobs[t]);
    }
    pthread_barrier_wait(&bar);
    double cpu0 = server_cpu(), start = now();
    long done = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(tids[t], NULL);
        done += jobs[t].done;
    }
    double end = now(), cpu1 = server_cpu();
    if (old) printf("%.0f\n", done / (end - start));
    else report(done / (end - start), cpu0, cpu1, done);
    return 0;
}

/* ---- readdir ---- */

static long list_once(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) die(dir);
    long n = 0;
    while (readdir(d)) n++;
    closedir(d);
    return n;
}

static int run_readdir(const char *dir, long reps, double secs) {
    list_once(dir);
    double cpu0 = server_cpu(), start = now();
    long done = 0;
    while (done < reps && now() - start < secs) { list_once(dir); done++; }
    double end = now(), cpu1 = server_cpu();
    report((end - start) * 1e3 / done, cpu0, cpu1, done);
    return 0;
}

/* ---- sequential read ---- */

static int run_seqread(const char *path, long kib, long passes, double secs) {
    size_t block = kib * 1024;
    char *buf = malloc(block);
    if (!buf) die("malloc");
    double cpu0 = server_cpu(), start = now();
    long long bytes = 0, reads = 0;
    for (long p = 0; p < passes && now() - start < secs; p++) {
        int fd = open(path, O_RDONLY);
        if (fd < 0) die(path);
        ssize_t n;
        while ((n = read(fd, buf, block)) > 0) { bytes += n; reads++; }
        if (n < 0) die(path);
        close(fd);
    }
    double end = now(), cpu1 = server_cpu();
    report(bytes / 1e6 / (end - start), cpu0, cpu1, reads);
    free(buf);
    return 0;
}

/* ---- mount readiness ---- */

static int run_ready(const char *path, double timeout_ms, char **cmd) {
    double start = now();
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY); /* the server's chatter would mix with results */
        if (null >= 0) { dup2(null, 1); dup2(null, 2); }
        execvp(cmd[0], cmd);
        perror(cmd[0]);
        _exit(127);
    }
    char buf[4096];
    double ms = -1;
    struct timespec pause = {0, 200000};
    while ((now() - start) * 1e3 < timeout_ms) {
        int fd = open(path, O_RDONLY);
        if (fd >= 0) {
            ssize_t n = read(fd, buf, sizeof buf);
            close(fd);
            if (n > 0) { ms = (now() - start) * 1e3; break; }
        }
        if (waitpid(pid, NULL, WNOHANG) == pid) { fprintf(stderr, "server exited early\n"); return 1; }
        nanosleep(&pause, NULL);
    }
    kill(pid, SIGTERM);
    for (int i = 0; i < 100 && waitpid(pid, NULL, WNOHANG) != pid; i++) usleep(100000);
    if (kill(pid, 0) == 0) { kill(pid, SIGKILL); waitpid(pid, NULL, 0); }
    if (ms < 0) { fprintf(stderr, "%s not readable within %.0f ms\n", path, timeout_ms); return 1; }
    printf("%.4g -1\n", ms);
    return 0;
}

int main(int argc, char **argv) {
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "openread") && argc == 6)
        return run_ops(OPENREAD, argv[2], atol(argv[3]), atof(argv[4]), atoi(argv[5]), 0);
    if (!strcmp(c, "stat") && argc == 5)
        return run_ops(STAT, argv[2], atol(argv[3]), atof(argv[4]), 1, 0);
    if (!strcmp(c, "write") && argc == 5)
        return run_ops(WRITE, argv[2], atol(argv[3]), atof(argv[4]), 1, 0);
    if (!strcmp(c, "readdir") && argc == 5)
        return run_readdir(argv[2], atol(argv[3]), atof(argv[4]));
    if (!strcmp(c, "seqread") && argc == 6)
        return run_seqread(argv[2], atol(argv[3]), atol(argv[4]), atof(argv[5]));
    if (!strcmp(c, "ready") && argc >= 5)
        return run_ready(argv[2], atof(argv[3]), argv + 4);
    if (argc == 4 && access(argv[1], F_OK) == 0)
        return run_ops(OPENREAD, argv[1], atol(argv[2]), atof(argv[3]), 1, 1);
    fprintf(stderr, "usage: see the comment at the top of fsbench.c\n");
    return 2;
}
