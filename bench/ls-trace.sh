#!/usr/bin/env bash
# ls -l of DIR with the kernel's FUSE tracepoints on (tracefs, kernel 6.16+): the requests the
# listing caused on DIR's connection, per opcode: count, mean reply length, mean and total time
# from the kernel's send to the server's answer. As root:   bench/ls-trace.sh DIR [cold]
# (cold: drop_caches=2 first). Mounts tracefs at /sys/kernel/tracing for the run when it is not
# there (and unmounts it after: a mounted tracefs changes what sysfs's HostAnswersIT sees).
set -euo pipefail
T=/sys/kernel/tracing
mounted=
[ -d $T/events/fuse ] || { mount -t tracefs nodev $T; mounted=1; }
size=$(sed 's/ .*//' $T/buffer_size_kb)
trace=$(mktemp /tmp/ls-trace-XXXXXX)
trap 'rm -f "$trace"; echo "$size" > $T/buffer_size_kb; [ -z "$mounted" ] || umount $T' EXIT
echo 0 > $T/tracing_on; echo > $T/trace; echo 65536 > $T/buffer_size_kb  # 100,000 requests fit
echo 1 > $T/events/fuse/fuse_request_send/enable; echo 1 > $T/events/fuse/fuse_request_end/enable
[ "${2:-}" = cold ] && { sync; echo 2 > /proc/sys/vm/drop_caches; }
echo 1 > $T/tracing_on
t0=$(date +%s.%N); ls -l "$1" > /dev/null; t1=$(date +%s.%N)
echo 0 > $T/tracing_on
echo 0 > $T/events/fuse/fuse_request_send/enable; echo 0 > $T/events/fuse/fuse_request_end/enable
cat $T/trace > "$trace"; echo > $T/trace; echo "$size" > $T/buffer_size_kb
echo "wall $(echo "$t1-$t0"|bc) s load $(cut -d' ' -f1 /proc/loadavg)"
TRACE=$trace CONN=$(stat -c %d "$1") python3 - <<'PY'
import re, collections, os
conn = os.environ['CONN']
send = {}; stats = collections.defaultdict(lambda: [0, 0, 0.0])
first = last = None; busy = 0.0
for line in open(os.environ['TRACE']):
    m = re.search(r'\s(\d+\.\d+): fuse_request_(send|end): connection (?:'+conn+r') req (\d+) (?:opcode \d+ \((\w+)\) )?len (\d+)(?: error (-?\d+))?', line)
    if not m: continue
    ts, kind, uniq, op, ln = float(m.group(1)), m.group(2), m.group(3), m.group(4), int(m.group(5))
    first = ts if first is None else first; last = ts
    if kind == 'send': send[uniq] = (ts, op)
    elif uniq in send:
        t, op = send.pop(uniq); s = stats[op]; s[0] += 1; s[1] += ln; s[2] += ts - t; busy += ts - t
for op, (n, ln, lat) in sorted(stats.items(), key=lambda x: -x[1][0]):
    print(f"{op:22} {n:7d} requests, reply mean {ln/n:8.0f} B, send->end mean {lat/n*1e6:8.1f} us, total {lat:6.3f} s")
if first: print(f"first..last event {last-first:.3f} s, sum of send->end {busy:.3f} s")
PY
