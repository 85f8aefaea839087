#!/bin/bash
# pt-trace.sh - kernel-side latency per FUSE opcode (tracepoint fuse:fuse_request_send to
# fuse:fuse_request_end of the same request) while fsbench runs open+read(4096)+close, for
# bench/c/uring.c servers one after the other. Needs root, perf, tracefs. From the repo's root:
#   [OPS=20000] [THREADS=1] bench/c/pt-trace.sh [SERVER-ARGS ...]   (one quoted string per server)
#   default servers: "--classic" "--passthrough" "--passthrough --pt-reuse"
# Prints per server: opcode, count, median and mean µs from send to end, and ops/s of the run
# (perf itself slows the run down; use run-uring.sh for throughput).
set -u
OPS=${OPS:-20000} THREADS=${THREADS:-1}
BIN=$(mktemp -d /tmp/pt-trace.XXXX)
. "$(dirname "$0")/one-server.sh"
gcc -O2 -pthread -o $BIN/uringfs bench/c/uring.c || exit 1
gcc -O2 -pthread -o $BIN/fsbench bench/fsbench.c || exit 1
[ $# -gt 0 ] || set -- "--classic" "--passthrough" "--passthrough --pt-reuse"

echo "# $(date -u +%FT%TZ) $(uname -r), load: $(cut -d' ' -f1-3 /proc/loadavg); fsbench openread MNT/small $OPS 20 $THREADS under perf record"
for args in "$@"; do
    MNT=$(mktemp -d /tmp/pt-trace-mnt.XXXX)
    $BIN/uringfs $args "$MNT" 2>$BIN/server.err &
    PID=$!
    for _ in $(seq 50); do head -c1 "$MNT/small" >/dev/null 2>&1 && break; sleep 0.1; done
    conn=$(( $(stat -c %d "$MNT") & 0xff ))  # anonymous dev: major 0, the minor is the connection
    v=$(FSBENCH_PID=$PID perf record -q -o $BIN/perf.data -e fuse:fuse_request_send -e fuse:fuse_request_end -a -- \
        $BIN/fsbench openread "$MNT/small" "$OPS" 20 "$THREADS" 2>/dev/null)
    stop
    echo "## uringfs $args: $v (ops/s, server CPU µs/op)"
    perf script -i $BIN/perf.data -F event,time,trace 2>/dev/null | python3 -c '
import sys, re, statistics as st, collections
conn = int(sys.argv[1]); sent = {}; lat = collections.defaultdict(list)
names = {1: "LOOKUP", 3: "GETATTR", 14: "OPEN", 15: "READ", 18: "RELEASE", 25: "FLUSH"}
for line in sys.stdin:
    m = re.search(r"(\d+\.\d+):\s+fuse:fuse_request_(send|end):\s+connection (\d+) req (\d+)(?: opcode (\d+))?", line)
    if not m or int(m.group(3)) != conn: continue
    t, kind, req = float(m.group(1)), m.group(2), int(m.group(4))
    if kind == "send": sent[req] = (t, int(m.group(5)))
    elif req in sent:
        t0, op = sent.pop(req); lat[op].append((t - t0) * 1e6)
for op, xs in sorted(lat.items()):
    print(f"   {names.get(op, op):8s} n={len(xs):6d}  median {st.median(xs):7.1f} µs  mean {st.mean(xs):7.1f} µs")
' "$conn"
done
