#!/usr/bin/env bash
# Measures open+read(4096)+close of a small show file through a pseudofs mount, next to the
# host kernel's own sysfs file, interleaved over REPS repetitions; prints medians and ranges.
# usage: bench/run-openread.sh   (env: REPS=5 OPS=20000 SECONDS_PER_RUN=5)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-5}; OPS=${OPS:-20000}; SECS=${SECONDS_PER_RUN:-5}
scripts/setup
command -v gcc >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc >/dev/null; }
mkdir -p bench/build
gcc -O2 -o bench/build/fsbench bench/fsbench.c
mnt=$(mktemp -d /tmp/pseudofs-bench-XXXXXX)
./pseudofs demo --root "$mnt" >bench/build/demo.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rmdir "$mnt" 2>/dev/null || true' EXIT
for _ in $(seq 200); do [ -r "$mnt/sys/kernel/my_state/system_enabled" ] && break; sleep 0.1; done
pfs="$mnt/sys/kernel/my_state/system_enabled"
host=/sys/kernel/mm/transparent_hugepage/enabled
bench/build/fsbench "$pfs" "$OPS" "$SECS" >/dev/null   # JIT warm-up pass, untimed
declare -a P H
for r in $(seq "$REPS"); do
  P+=("$(bench/build/fsbench "$pfs" "$OPS" "$SECS")")
  H+=("$(bench/build/fsbench "$host" "$OPS" "$SECS")")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d (%d-%d)", a[int((NR+1)/2)], a[1], a[NR]}'; }
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) vCPU, $(uname -r), $(java -version 2>&1 | head -1)"
echo "pseudofs  open+read+close ops/s, 1 thread: $(stats "${P[@]}")"
echo "host sysfs open+read+close ops/s, 1 thread: $(stats "${H[@]}")"
