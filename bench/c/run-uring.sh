#!/bin/bash
# run-uring.sh - open+read+close of a small file: FUSE over io_uring against the classic
# read(2)/writev(2) loop, the classic loop with a 50 µs spin, and the project's libfuse2 server.
# Needs root, Linux 6.14+ with CONFIG_FUSE_IO_URING. Run from the repository's root:
#   [SERVERS="classic uring ..."] bench/c/run-uring.sh [ROUNDS] [THREADS...]
#   (default: 5 rounds, threads 1 2 4, all servers but uring-nopin and uring-spin-nopin)
# Servers: pfc = bench/c/pseudofs.c (libfuse2) -s, pfc-mt = the same multi-threaded; classic,
# classic-2t (two threads on one fd), spin, uring, uring-nodefer, uring-spin = bench/c/uring.c's modes.
# Not in the default list: uring-nopin, uring-spin-nopin, and FUSE passthrough (Linux 6.9+,
# CONFIG_FUSE_PASSTHROUGH): pt = --passthrough (classic loop), pt-spin = --spin --passthrough,
# pt-reuse, pt-spin-reuse = the same with --pt-reuse, pt-private, pt-reuse-private = pt, pt-reuse
# with --pt-private (bench/c/passthrough-notes.md), e.g.
#   SERVERS="classic spin pt pt-spin" bench/c/run-uring.sh 5 1 2
# UARGS="..." adds arguments to every uring.c server (e.g. UARGS="--content-size 2048").
# Prints one line per measurement: server threads round ops/s server-CPU-µs/op, then a summary
# (medians) and each server's ops/s relative to the first server in SERVERS, round by round.
# enable_uring is set to Y only while the io_uring servers mount and register their rings (a
# connection that has io_uring keeps it), and is set back to N at once and again on exit.
set -u
ROUNDS=${1:-5}; shift || true
THREADS=${*:-1 2 4}
OPS=30000 SECS=20
PARAM=/sys/module/fuse/parameters/enable_uring
OUT=$(mktemp /tmp/run-uring.XXXX.txt)
BIN=$(mktemp -d /tmp/run-uring-bin.XXXX)
declare -A PID MNT
SERVERS=${SERVERS:-pfc pfc-mt classic classic-2t spin uring uring-nodefer uring-spin}
UARGS=${UARGS:-} # more arguments for every bench/c/uring.c server, e.g. UARGS="--content-size 2048"

cleanup() {
    for s in $SERVERS; do
        [ -n "${PID[$s]:-}" ] && kill "${PID[$s]}" 2>/dev/null
    done
    sleep 0.5
    for s in $SERVERS; do
        m=${MNT[$s]:-}
        [ -n "$m" ] || continue
        grep -q " $m " /proc/mounts && umount -l "$m"
        rmdir "$m" 2>/dev/null
    done
    for s in $SERVERS; do
        [ -n "${PID[$s]:-}" ] && kill -9 "${PID[$s]}" 2>/dev/null
    done
    echo N > $PARAM
    rm -rf "$BIN"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

gcc -O2 -pthread -o $BIN/fsbench bench/fsbench.c || exit 1
gcc -O2 -pthread -o $BIN/uringfs bench/c/uring.c || exit 1
gcc -O2 -o $BIN/pfc bench/c/pseudofs.c $(pkg-config --cflags --libs fuse) || exit 1

wait_ready() { # MNT: until MNT/small can be read, at most 5 s
    for _ in $(seq 50); do head -c1 "$1/small" >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "server on $1 not ready" >&2; exit 1
}
start() { # NAME CMD...
    local s=$1; shift
    MNT[$s]=$(mktemp -d /tmp/run-uring-$s.XXXX)
    "$@" "${MNT[$s]}" 2>$BIN/$s.err &
    PID[$s]=$!
    wait_ready "${MNT[$s]}"
}

server_cmd() { # NAME -> the command line, without the mount point
    case $1 in
    pfc) echo "$BIN/pfc -f -s" ;;
    pfc-mt) echo "$BIN/pfc -f" ;;
    classic) echo "$BIN/uringfs $UARGS --classic" ;;
    classic-2t) echo "$BIN/uringfs $UARGS --classic --threads 2" ;;
    spin) echo "$BIN/uringfs $UARGS --spin" ;;
    uring) echo "$BIN/uringfs $UARGS --uring" ;;
    uring-nodefer) echo "$BIN/uringfs $UARGS --uring --no-defer" ;;
    uring-spin) echo "$BIN/uringfs $UARGS --uring-spin" ;;
    uring-nopin) echo "$BIN/uringfs $UARGS --uring --no-pin" ;;
    uring-spin-nopin) echo "$BIN/uringfs $UARGS --uring-spin --no-pin" ;;
    pt) echo "$BIN/uringfs $UARGS --passthrough" ;;
    pt-spin) echo "$BIN/uringfs $UARGS --spin --passthrough" ;;
    pt-reuse) echo "$BIN/uringfs $UARGS --passthrough --pt-reuse" ;;
    pt-spin-reuse) echo "$BIN/uringfs $UARGS --spin --passthrough --pt-reuse" ;;
    pt-private) echo "$BIN/uringfs $UARGS --passthrough --pt-private" ;;
    pt-reuse-private) echo "$BIN/uringfs $UARGS --passthrough --pt-reuse --pt-private" ;;
    *) echo "unknown server $1" >&2; exit 1 ;;
    esac
}
URINGS=""; OTHERS=""
for s in $SERVERS; do case $s in uring*) URINGS="$URINGS $s" ;; *) OTHERS="$OTHERS $s" ;; esac; done
echo Y > $PARAM
for s in $URINGS; do start $s $(server_cmd $s); done
echo N > $PARAM
for s in $OTHERS; do start $s $(server_cmd $s); done
for s in $URINGS; do head -2 $BIN/$s.err; done
for s in $OTHERS; do case $s in pt*) head -1 $BIN/$s.err ;; esac; done

echo "# $(date -u +%FT%TZ) $(uname -r) $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# fsbench openread MNT/small $OPS $SECS THREADS; servers: $SERVERS; extra uring.c arguments: ${UARGS:-none}"
for r in $(seq "$ROUNDS"); do
    for t in $THREADS; do
        for s in $SERVERS; do
            v=$(FSBENCH_PID=${PID[$s]} $BIN/fsbench openread "${MNT[$s]}/small" $OPS $SECS "$t") || exit 1
            echo "$s $t $r $v" | tee -a "$OUT"
        done
    done
    echo "# round $r done $(date -u +%T) load: $(cut -d' ' -f1-3 /proc/loadavg)"
done

# bench/c/uring.c's servers print the requests they served (per path, per opcode) on SIGTERM
UFS=""; for s in $SERVERS; do case $s in pfc*) ;; *) UFS="$UFS $s" ;; esac; done
for s in $UFS; do kill -TERM "${PID[$s]}"; done
sleep 0.5
for s in $UFS; do tail -2 $BIN/$s.err | sed "s/^/# $s: /"; done

echo "# summary: server threads median-ops/s [min-max] median-server-CPU-µs/op (n)"
python3 - "$OUT" ${SERVERS%% *} <<'EOF'
import sys, statistics as st, collections
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    s, t, r, v, c = line.split()
    d[(int(t), s)].append((float(v), float(c)))
for (t, s), xs in sorted(d.items()):
    v = [x[0] for x in xs]; c = [x[1] for x in xs]
    print(f"{s:14s} {t}  {st.median(v):8.0f}  [{min(v):.0f}-{max(v):.0f}]  {st.median(c):6.2f}  ({len(v)})")
# the same round's measurements are neighbours in time: their ratio is less noisy than medians
first = sys.argv[2]; by = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    s, t, r, v, c = line.split(); by[(int(t), int(r))][s] = float(v)
print(f"# ops/s relative to {first} in the same round: server threads median [per round]")
for (t, s) in sorted(d):
    if s == first: continue
    q = [by[k][s] / by[k][first] for k in sorted(by) if k[0] == t and s in by[k] and first in by[k]]
    print(f"{s:14s} {t}  {st.median(q):5.2f}  [" + " ".join(f"{x:.2f}" for x in q) + "]")
EOF
echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg); raw: $OUT"
