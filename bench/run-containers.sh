#!/usr/bin/env bash
# Container views against LXCFS (issue 17): open+read(4096)+close of /proc/meminfo,
# /proc/cpuinfo and /proc/stat by a process in a limited cgroup (256 MiB memory cgroup and a
# one-CPU cpuset, v1, made under this shell's own cgroups and removed at the end), through
# `pseudofs mount --containers` and through `lxcfs -f`, both on private temp mount points,
# REPS interleaved repetitions; prints medians and ranges and each server's CPU per op.
# The floors: the C libfuse2 server of bench/c (multi-threaded, libfuse's defaults) and
# bench/c/uring.c --spin (the classic loop with pseudofs's 50 us spin) answering open+read+close
# of a 32-byte file, read by the same caller in the same rounds: what a FUSE server that is asked
# OPEN and READ for each open reaches here, whatever its own work, sleeping or spinning.
# usage (as root, from anywhere): bench/run-containers.sh   (env: REPS=5 OPS=20000 SECS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-5}; OPS=${OPS:-20000}; SECS=${SECS:-3}
command -v lxcfs >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lxcfs >/dev/null; }
command -v gcc >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc >/dev/null; }
mkdir -p bench/build
gcc -O2 -Wall -pthread -o bench/build/fsbench bench/fsbench.c
[ -f /usr/include/fuse/fuse.h ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libfuse-dev pkg-config >/dev/null; }
gcc -O2 -Wall -o bench/build/pseudofs-c bench/c/pseudofs.c $(pkg-config --cflags --libs fuse)
gcc -O2 -Wall -pthread -o bench/build/uringfs bench/c/uring.c
PSEUDOFS_NO_BUILD= ./pseudofs --version >/dev/null   # builds the jar and the class archive
fsb=bench/build/fsbench

work=$(mktemp -d /tmp/pfbench-containers-XXXXXX)
mkdir "$work/pfs" "$work/lx" "$work/c" "$work/cs"
own() { awk -F: -v c="$1" '$2==c {print $3}' /proc/self/cgroup; }
mem=/sys/fs/cgroup/memory$(own memory)/pfbench-$$; mem=${mem/\/\//\/}
cpus=/sys/fs/cgroup/cpuset$(own cpuset)/pfbench-$$; cpus=${cpus/\/\//\/}
pids=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
  done
  for m in "$work/pfs/proc" "$work/pfs/sys" "$work/lx" "$work/c" "$work/cs"; do
    grep -q " $m " /proc/mounts && { fusermount -u -z "$m" 2>/dev/null || umount -l "$m"; }
  done
  for cg in "$mem" "$cpus"; do
    [ -d "$cg" ] && { for p in $(cat "$cg/cgroup.procs"); do echo "$p" > "$(dirname "$cg")/cgroup.procs"; done; rmdir "$cg"; }
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir "$mem" "$cpus"
echo $((256 << 20)) > "$mem/memory.limit_in_bytes"
echo 1 > "$cpus/cpuset.cpus"; cat "$(dirname "$cpus")/cpuset.mems" > "$cpus/cpuset.mems"

./pseudofs mount --root "$work/pfs" --containers --only proc,sys >"$work/pfs.log" 2>&1 &
pids+=($!); pfs_pid=$!
lxcfs -f -p "$work/lxcfs.pid" "$work/lx" >"$work/lx.log" 2>&1 &
pids+=($!); lx_pid=$!
bench/build/pseudofs-c "$work/c" -f >"$work/c.log" 2>&1 &
pids+=($!); c_pid=$!
bench/build/uringfs --spin "$work/cs" >"$work/cs.log" 2>&1 &
pids+=($!); cs_pid=$!
for _ in $(seq 300); do
  head -c1 "$work/pfs/proc/meminfo" >/dev/null 2>&1 && head -c1 "$work/lx/proc/meminfo" >/dev/null 2>&1 &&
    head -c1 "$work/c/small" >/dev/null 2>&1 && head -c1 "$work/cs/small" >/dev/null 2>&1 && break
  sleep 0.1
done
# the server's JVM is the launcher's child: measure the java process's CPU
jpid=$(pgrep -P "$pfs_pid" java || echo "$pfs_pid")

# in CG: runs fsbench as a process placed in both test cgroups
in_cg() { sh -c 'echo $$ > "$1/cgroup.procs"; echo $$ > "$2/cgroup.procs"; shift 2; exec "$@"' sh "$mem" "$cpus" "$@"; }
echo "check, as the limited caller:" >&2
in_cg sh -c "head -1 $work/pfs/proc/meminfo; head -1 $work/lx/proc/meminfo; grep -c ^processor $work/pfs/proc/cpuinfo; grep -c ^processor $work/lx/proc/cpuinfo" >&2
for f in meminfo cpuinfo stat; do  # untimed warm-up (the JIT)
  in_cg "$fsb" openread "$work/pfs/proc/$f" 20000 5 1 >/dev/null
done
declare -A R
for rep in $(seq "$REPS"); do
  for f in meminfo cpuinfo stat; do
    R[pfs_$f]+="$(FSBENCH_PID=$jpid in_cg "$fsb" openread "$work/pfs/proc/$f" "$OPS" "$SECS" 1)"$'\n'
    R[lx_$f]+="$(FSBENCH_PID=$lx_pid in_cg "$fsb" openread "$work/lx/proc/$f" "$OPS" "$SECS" 1)"$'\n'
  done
  R[c]+="$(FSBENCH_PID=$c_pid in_cg "$fsb" openread "$work/c/small" "$OPS" "$SECS" 1)"$'\n'
  R[cs]+="$(FSBENCH_PID=$cs_pid in_cg "$fsb" openread "$work/cs/small" "$OPS" "$SECS" 1)"$'\n'
done
stats() { sort -n | awk '{a[NR]=$1} END {printf "%.0f (%.0f-%.0f)", a[int((NR+1)/2)], a[1], a[NR]}'; }
cpu() { awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}'; }
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) vCPU, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "lxcfs $(dpkg-query -W -f '${Version}' lxcfs 2>/dev/null), REPS=$REPS OPS=$OPS SECS=$SECS, 1 thread, caller in a 256 MiB / one-CPU cgroup"
printf '| file | pseudofs ops/s | LXCFS ops/s | ratio (medians) | server CPU us/op pseudofs / LXCFS |\n|---|---:|---:|---:|---:|\n'
for f in meminfo cpuinfo stat; do
  p=$(printf '%s' "${R[pfs_$f]}" | grep . | stats); l=$(printf '%s' "${R[lx_$f]}" | grep . | stats)
  pm=$(printf '%s' "${R[pfs_$f]}" | grep . | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  lm=$(printf '%s' "${R[lx_$f]}" | grep . | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| /proc/%s | %s | %s | %.2fx | %s / %s |\n' "$f" "$p" "$l" "$(echo "$pm / $lm" | bc -l)" \
    "$(printf '%s' "${R[pfs_$f]}" | grep . | cpu)" "$(printf '%s' "${R[lx_$f]}" | grep . | cpu)"
done
floor() { # KEY LABEL
  local cm lm f
  cm=$(printf '%s' "${R[$1]}" | grep . | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| floor: %s, 32-byte file | %s | | ' "$2" "$(printf '%s' "${R[$1]}" | grep . | stats)"
  for f in meminfo cpuinfo stat; do
    lm=$(printf '%s' "${R[lx_$f]}" | grep . | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%s %.2fx ' "$f" "$(echo "$cm / $lm" | bc -l)"
  done
  printf '| %s |\n' "$(printf '%s' "${R[$1]}" | grep . | cpu)"
}
floor c "C libfuse2 server"
floor cs "C server with a 50 us spin (bench/c/uring.c --spin)"

