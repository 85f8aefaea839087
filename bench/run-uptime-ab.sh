#!/usr/bin/env bash
# A/B of the container view's /proc/uptime for a caller in a new pid namespace (issue 17):
# two builds of the launcher's jar (each a directory holding pseudofs.jar and lib/, copied from
# mount-tool/target) mount --containers side by side, then ROUNDS interleaved rounds of
# `unshare --pid --fork fsbench openread ROOT/proc/uptime 100000 3 1`, printing per round:
# round, name, ops/s, server CPU µs per op. JVM options are the launcher's.
# usage (as root, from the repository root): bench/run-uptime-ab.sh ROUNDS OLD_DIR NEW_DIR
set -euo pipefail
ROUNDS=$1 OLD=$2 NEW=$3
fsb=bench/build/fsbench
mkdir -p bench/build; [ -x "$fsb" ] || gcc -O2 -Wall -pthread -o "$fsb" bench/fsbench.c
work=$(mktemp -d /tmp/pfupt-XXXXXX)
declare -A PID JAR=([old]=$OLD/pseudofs.jar [new]=$NEW/pseudofs.jar)
cleanup() {
  set +e
  for p in "${PID[@]}"; do kill -TERM "$p"; done
  sleep 1
  for n in old new; do for v in proc sys; do
    grep -q " $work/$n/$v " /proc/mounts && fusermount -u -z "$work/$n/$v"
  done; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
for n in old new; do
  java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "${JAR[$n]}" mount --root "$work/$n" \
    --containers --only proc,sys >"$work/$n.log" 2>&1 &
  PID[$n]=$!
done
for n in old new; do
  for _ in $(seq 300); do head -c1 "$work/$n/proc/uptime" >/dev/null 2>&1 && break; sleep 0.1; done
  unshare --pid --fork "$fsb" openread "$work/$n/proc/uptime" 20000 3 1 >/dev/null  # warm-up
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%MZ)"
for r in $(seq "$ROUNDS"); do
  for n in old new; do
    echo "$r $n $(FSBENCH_PID=${PID[$n]} unshare --pid --fork "$fsb" openread "$work/$n/proc/uptime" 100000 3 1)"
  done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%MZ)"
