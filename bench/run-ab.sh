#!/usr/bin/env bash
# A/B of server CPU per open+read+close (issue 15's hot path): BenchServer built against
# different fs-core jars (and, with NAME=c, the C libfuse2 server), started side by side on
# private temp mount points and measured in ROUNDS interleaved rounds of
# `fsbench openread small OPS 20 THREADS`. Per run it prints: name, ops/s, server CPU µs/op
# (fsbench's), then the server's utime and stime per op in tenths of µs (/proc/PID/stat).
#
# A spec is NAME=JAR, NAME=JAR:ARGS (ARGS, split at spaces, go to that BenchServer only, e.g.
# `s50=fs-core/target/fs-core-0.1.0-SNAPSHOT.jar:-o spin=50`) or NAME=c.
# usage (as root, after bench/run.sh or a `mvn -pl bench -am package` built bench/target):
#   cp fs-core/target/fs-core-*.jar /tmp/before.jar   # ... change, rebuild fs-core ...
#   bench/run-ab.sh 10 60000 1 -s before=/tmp/before.jar after=fs-core/target/fs-core-0.1.0-SNAPSHOT.jar c=c
#   bench/run-ab.sh 6 60000 4 "" before=... after=... c=c        # multi-threaded servers
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ROUNDS=$1 OPS=$2 T=$3 SFLAG=$4; shift 4
FSB=$here/build/fsbench
mkdir -p "$here/build"
[ -x "$FSB" ] || gcc -O2 -Wall -pthread -o "$FSB" "$here/fsbench.c"
[ -x "$here/build/pseudofs-c" ] || gcc -O2 -Wall -o "$here/build/pseudofs-c" "$here/c/pseudofs.c" $(pkg-config --cflags --libs fuse)
deps=$(tr ':' '\n' <"$here/target/classpath.txt" | grep -v '/fs-core/' | paste -sd:)
work=$(mktemp -d /tmp/pfab-XXXXXX)
pids=(); mps=(); names=()
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
for spec in "$@"; do
  name=${spec%%=*} jar=${spec#*=} args=; names+=("$name"); mkdir -p "$work/$name"; mps+=("$work/$name")
  case $jar in *:*) args=${jar#*:} jar=${jar%%:*} ;; esac
  if [ "$jar" = c ]; then
    "$here/build/pseudofs-c" "$work/$name" -f $SFLAG >"$work/$name.log" 2>&1 &
  else
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$here/target/classes:$(realpath "$jar"):$deps" \
      dev.pseudofs.bench.BenchServer "$work/$name" $SFLAG $args >"$work/$name.log" 2>&1 &
  fi
  pids+=($!); eval "pid_$name=$!"
  for _ in $(seq 300); do head -c1 "$work/$name/small" >/dev/null 2>&1 && break; sleep 0.1; done
done
for n in "${names[@]}"; do # JIT warm-up, untimed
  "$FSB" openread "$work/$n/small" 40000 10 1 >/dev/null; "$FSB" openread "$work/$n/small" 20000 10 4 >/dev/null
done
for r in $(seq "$ROUNDS"); do
  for n in "${names[@]}"; do
    p=$(eval echo "\$pid_$n"); a=($(awk '{print $14, $15}' /proc/$p/stat))
    res=$(FSBENCH_PID=$p "$FSB" openread "$work/$n/small" "$OPS" 20 "$T")
    b=($(awk '{print $14, $15}' /proc/$p/stat))
    echo "$n $res $(( (b[0]-a[0]) * 100000 / OPS )) $(( (b[1]-a[1]) * 100000 / OPS )) load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
