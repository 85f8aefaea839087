#!/usr/bin/env bash
# open+read+close of BenchServer's /small with different `-o spin=MICROS` (and `c`, the C
# libfuse2 server), all `-s`, started side by side and measured in ROUNDS interleaved rounds of
# `fsbench openread small OPS 20 THREADS`; prints "spin=N ops/s load=..." per run.
# usage (as root, after `mvn -pl bench -am package`): bench/run-spin.sh ROUNDS OPS THREADS SPIN...
#   e.g. bench/run-spin.sh 5 30000 1 0 20 50 c
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
R=$1 OPS=$2 T=$3; shift 3
FSB=$here/build/fsbench
mkdir -p "$here/build"
[ -x "$FSB" ] || gcc -O2 -Wall -pthread -o "$FSB" "$here/fsbench.c"
[ -x "$here/build/pseudofs-c" ] || gcc -O2 -Wall -o "$here/build/pseudofs-c" "$here/c/pseudofs.c" $(pkg-config --cflags --libs fuse)
deps=$(cat "$here/target/classpath.txt")
work=$(mktemp -d /tmp/pfspin-XXXXXX); pids=(); mps=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
  done
  for m in "${mps[@]}"; do grep -q " $m " /proc/mounts && fusermount -u -z "$m"; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
for s in "$@"; do
  mkdir -p "$work/$s"; mps+=("$work/$s")
  if [ "$s" = c ]; then
    "$here/build/pseudofs-c" "$work/$s" -f -s >"$work/$s.log" 2>&1 &
  else
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$here/target/classes:$deps" \
      dev.pseudofs.bench.BenchServer "$work/$s" -s -o "spin=$s" >"$work/$s.log" 2>&1 &
  fi
  pids+=($!)
done
for s in "$@"; do  # wait for each mount, then an untimed warm-up (the JIT)
  for _ in $(seq 100); do head -c1 "$work/$s/small" >/dev/null 2>&1 && break; sleep 0.1; done
  "$FSB" openread "$work/$s/small" 20000 3 "$T" >/dev/null
done
for _ in $(seq "$R"); do
  for s in "$@"; do
    echo "spin=$s $("$FSB" openread "$work/$s/small" "$OPS" 20 "$T" | cut -d' ' -f1) load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
