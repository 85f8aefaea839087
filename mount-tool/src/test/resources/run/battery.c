/*
 * A program that cannot be pointed anywhere: it opens the kernel's own paths. RunCommandIT and
 * RunUmockdevIT build it static (gcc -static: no LD_PRELOAD reaches it) and dynamic.
 *
 *   battery FILE...         prints the first line of each FILE ("FILE: line" or "FILE: error")
 *   battery --until V FILE  polls FILE every 20 ms, prints each new value, exits 0 once it is V
 *                           (1 after 60 s)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int first_line(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return -errno;
    }
    ssize_t n = read(fd, buf, size - 1);
    int err = errno;
    close(fd);
    if (n < 0) {
        return -err;
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}

int main(int argc, char **argv) {
    char buf[4096];
    if (argc == 4 && strcmp(argv[1], "--until") == 0) {
        char last[4096] = "";
        struct timespec pause = {0, 20 * 1000 * 1000};
        for (int i = 0; i < 3000; i++) {
            int r = first_line(argv[3], buf, sizeof buf);
            if (r < 0) {
                snprintf(buf, sizeof buf, "%s", strerror(-r));
            }
            if (strcmp(buf, last) != 0) {
                printf("capacity=%s\n", buf);
                fflush(stdout);
                snprintf(last, sizeof last, "%s", buf);
            }
            if (strcmp(buf, argv[2]) == 0) {
                return 0;
            }
            nanosleep(&pause, NULL);
        }
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int r = first_line(argv[i], buf, sizeof buf);
        if (r < 0) {
            printf("%s: %s\n", argv[i], strerror(-r));
            status = 1;
        } else {
            printf("%s: %s\n", argv[i], buf);
        }
    }
    return status;
}
