#!/bin/bash
# run-pt-check.sh - the passthrough semantics tests: starts bench/c/uring.c in one mode per test
# on a private temp mount, runs bench/c/pt-check.c against it, prints what the test saw and the
# server's log (one line per OPEN/RELEASE with --pt-log), then unmounts. Needs root, Linux 6.9+
# with CONFIG_FUSE_PASSTHROUGH. Run from the repository's root: bench/c/run-pt-check.sh
set -u
BIN=$(mktemp -d /tmp/run-pt-check.XXXX)
. "$(dirname "$0")/one-server.sh"

gcc -O2 -pthread -o $BIN/uringfs bench/c/uring.c || exit 1
gcc -O2 -o $BIN/pt-check bench/c/pt-check.c || exit 1

run() { # TITLE TEST SERVER-ARGS...
    local title=$1 test=$2; shift 2
    echo "== $title: uringfs $* MNT; pt-check $test MNT/small"
    MNT=$(mktemp -d /tmp/run-pt-check-mnt.XXXX)
    $BIN/uringfs "$@" "$MNT" 2>$BIN/server.err &
    PID=$!
    for _ in $(seq 50); do grep -q " $MNT " /proc/mounts && break; sleep 0.1; done
    stat "$MNT/small" >/dev/null || { cat $BIN/server.err; exit 1; }
    $BIN/pt-check "$test" "$MNT/small" | sed 's/^/   /'
    sleep 0.1
    stop
    sed 's/^uringfs: /   server: /' $BIN/server.err
}

echo "# $(date -u +%FT%TZ) $(uname -r)"
run "(a) classic, FOPEN_DIRECT_IO: every read goes to the server" snapshot --classic
run "(a) passthrough: open-time snapshot, shared by overlapping opens" snapshot --passthrough --pt-log
run "(a) passthrough, one memfd rewritten when nothing is open" snapshot --passthrough --pt-reuse --pt-log
run "(b) passthrough, a new backing file for every OPEN" overlap --passthrough --pt-test conflict --pt-log
run "(c) every 2nd OPEN answered without FOPEN_PASSTHROUGH (FOPEN_DIRECT_IO)" overlap --passthrough --pt-test mixed --pt-log
run "(d) FOPEN_PASSTHROUGH|FOPEN_DIRECT_IO" read --passthrough --pt-test dio --pt-log
run "(e) --pt-private: an overlapping OPEN gets FOPEN_PASSTHROUGH|FOPEN_DIRECT_IO with the attached id" snapshot --passthrough --pt-private --pt-log
run "(b') the same memfd registered again (a second backing id) for an overlapping OPEN" overlap --passthrough --pt-reuse --pt-test conflict --pt-log
run "(f) passthrough with st_size 0 (as procfs reports): where does a read end?" read --passthrough --st-size 0
run "(f') the same without passthrough (FOPEN_DIRECT_IO), st_size 0" read --classic --st-size 0
run "(g) mmap, then close: passthrough, a memfd per snapshot" mmap --passthrough --pt-log
run "(g') mmap, then close: passthrough --pt-reuse (one memfd rewritten in place)" mmap --passthrough --pt-reuse --pt-log
run "(h) passthrough, the server without CAP_SYS_ADMIN after mounting" read --passthrough --drop-cap-sys-admin --pt-log
