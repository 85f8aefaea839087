#!/usr/bin/env bash
# open+read(4096)+close of an immutable fixture file (a bin attribute, served from the kernel's
# page cache: issue 15), of the same size in a tree declared wholly immutable (BenchServer -i:
# FUSE's no-open mode) and on tmpfs, alternating over REPS repetitions, as root from the
# repository root:   bench/run-openread-cached.sh   (env: REPS=5 OPS=50000 SECS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-5}; OPS=${OPS:-50000}; SECS=${SECS:-3}
command -v gcc >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc >/dev/null; }
mkdir -p bench/build
gcc -O2 -o bench/build/fsbench bench/fsbench.c
work=$(mktemp -d /tmp/pseudofs-bench-cached-XXXXXX)
mkdir "$work/root" "$work/tmpfs" "$work/noopen"
mvn -B -o -q -pl bench -am -DskipTests package >&2
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
java -Xmx64m -XX:+UseSerialGC -cp "$cp" dev.pseudofs.bench.BenchServer "$work/noopen" -i \
  -o entry_timeout=3600 -o attr_timeout=3600 >"$work/noopen.log" 2>&1 &
bench=$!
cleanup() {
  kill -TERM "$bench" 2>/dev/null || true; wait "$bench" 2>/dev/null || true
  PSEUDOFS_NO_BUILD=1 ./pseudofs umount "$work/root" >/dev/null 2>&1 || true
  umount "$work/tmpfs" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
data=$(head -c 600 /dev/urandom | base64 -w0)
printf 'sys:\n  firmware/blob: {base64: "%s", mode: 0444}\n' "$data" > "$work/f.yaml"
./pseudofs mount --root "$work/root" --only sys --fixture "$work/f.yaml" --background >/dev/null
mount -t tmpfs none "$work/tmpfs"
echo "$data" | base64 -d > "$work/tmpfs/blob"
cmp "$work/root/sys/firmware/blob" "$work/tmpfs/blob"
pfs="$work/root/sys/firmware/blob"; tmp="$work/tmpfs/blob"; nop="$work/noopen/fixed"
for _ in $(seq 100); do [ -r "$nop" ] && break; sleep 0.1; done
bench/build/fsbench openread "$pfs" "$OPS" "$SECS" 1 >/dev/null   # JIT warm-up, untimed
bench/build/fsbench openread "$nop" "$OPS" "$SECS" 1 >/dev/null
declare -a P N T
for _ in $(seq "$REPS"); do
  P+=("$(bench/build/fsbench openread "$pfs" "$OPS" "$SECS" 1)")
  N+=("$(bench/build/fsbench openread "$nop" "$OPS" "$SECS" 1)")
  T+=("$(bench/build/fsbench openread "$tmp" "$OPS" "$SECS" 1)")
done
stats() { printf '%s\n' "$@" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {printf "%d (%d-%d)", a[int((NR+1)/2)], a[1], a[NR]}'; }
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) vCPU, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pseudofs immutable fixture file open+read+close ops/s, 1 thread: $(stats "${P[@]}")"
echo "pseudofs wholly immutable tree (no-open) ops/s, 1 thread: $(stats "${N[@]}")"
echo "tmpfs                           open+read+close ops/s, 1 thread: $(stats "${T[@]}")"
