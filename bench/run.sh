#!/usr/bin/env bash
# The side-by-side benchmark of issue 9: host kernel sysfs/procfs, tmpfs, a C libfuse2 server,
# LXCFS and pseudofs, mounted at once on private temp mount points and measured in REPS
# interleaved repetitions (every repetition walks all systems in turn). Writes the raw results
# to bench/out/, the table into bench/README.md and the ratio plot to bench/ratios.png.
#
# usage (as root, from anywhere): bench/run.sh
# env: REPS=5 OPS=10000 SECS=2 (per timed run: at most OPS operations or SECS seconds)
#      JMH=1 (run the JMH micro-benchmarks briefly; 0 skips them)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
REPS=${REPS:-5}; OPS=${OPS:-10000}; SECS=${SECS:-2}; JMH=${JMH:-1}
out="$here/out"; build="$here/build"
mkdir -p "$out" "$build"

# ---- prerequisites (Debian packages; never started as services) ----
need=()
command -v gcc >/dev/null || need+=(gcc)
[ -f /usr/include/fuse/fuse.h ] || need+=(libfuse-dev pkg-config)
command -v lxcfs >/dev/null || need+=(lxcfs)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
command -v fusermount >/dev/null || need+=(fuse)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# ---- build ----
echo "bench: building" >&2
(cd "$repo" && mvn -B -q -pl bench,mount-tool -am -DskipTests package >&2)
PSEUDOFS_NO_BUILD= "$repo/pseudofs" --version >/dev/null  # builds the launcher's class archive
gcc -O2 -Wall -pthread -o "$build/fsbench" "$here/fsbench.c"
gcc -O2 -Wall -o "$build/pseudofs-c" "$here/c/pseudofs.c" $(pkg-config --cflags --libs fuse)
cp="$repo/bench/target/classes:$(cat "$repo/bench/target/classpath.txt")"
JAVA_OPTS=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)  # the launcher's JVM options
fsb="$build/fsbench"

# ---- everything started is recorded here and undone by the trap ----
work=$(mktemp -d /tmp/pfbench-XXXXXX)
pids=(); mounts=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
  done
  for m in "${mounts[@]}"; do
    if grep -q " $m " /proc/mounts; then
      case $(grep " $m " /proc/mounts | awk '{print $3}' | head -1) in
        tmpfs) umount "$m" ;;
        *) fusermount -u -z "$m" 2>/dev/null || umount -l "$m" ;;
      esac
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# start NAME MOUNTPOINT-FILE CMD...: runs CMD in the background, waits until FILE reads.
start() {
  local name=$1 file=$2; shift 2
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!); eval "pid_$name=$!"
  for _ in $(seq 300); do
    if head -c1 "$file" >/dev/null 2>&1; then return 0; fi
    kill -0 "$!" 2>/dev/null || { echo "bench: $name exited:"; tail -5 "$work/$name.log"; exit 1; }
    sleep 0.1
  done
  echo "bench: $name not ready: $file" >&2; exit 1
}
# mnt NAME: creates the private mount point $work/NAME, records it, leaves it in $MP.
mnt() { MP="$work/$1"; mkdir -p "$MP"; mounts+=("$MP"); }

# ---- the systems ----
mnt c_default; C1=$MP; start c_default "$C1/small" "$build/pseudofs-c" "$C1" -f
mnt c_s; C2=$MP; start c_s "$C2/small" "$build/pseudofs-c" "$C2" -f -s
mnt lxcfs; LX=$MP; start lxcfs "$LX/proc/uptime" lxcfs -f -p "$work/lxcfs.pid" "$LX"
mnt pfs_core; P1=$MP; start pfs_core "$P1/small" java "${JAVA_OPTS[@]}" -cp "$cp" dev.pseudofs.bench.BenchServer "$P1"
mnt pfs_s; P2=$MP; start pfs_s "$P2/small" java "${JAVA_OPTS[@]}" -cp "$cp" dev.pseudofs.bench.BenchServer "$P2" -s
mnt pfs_t0; P3=$MP; start pfs_t0 "$P3/small" java "${JAVA_OPTS[@]}" -cp "$cp" dev.pseudofs.bench.BenchServer "$P3" \
  -o attr_timeout=0,entry_timeout=0
mnt tmpfs; T=$MP; mount -t tmpfs -o size=256m bench-tmpfs "$T"
head -c 32 "$C1/small" >"$T/small"; cp "$C1/big" "$T/big"; echo 0 >"$T/store"
mkdir "$T/dir"; (cd "$T/dir" && seq -f 'f%05g' 0 9999 | xargs touch)
cmp "$C1/big" "$P1/big" || { echo "bench: /big differs between C and pseudofs" >&2; exit 1; }
cmp "$C1/big" "$P1/bigfill" || { echo "bench: /bigfill differs between C and pseudofs" >&2; exit 1; }

echo "bench: JIT warm-up of the Java servers (untimed)" >&2
for m in "$P1" "$P2" "$P3"; do
  "$fsb" openread "$m/small" 20000 10 1 >/dev/null; "$fsb" stat "$m/small" 20000 5 >/dev/null
  "$fsb" seqread "$m/big" 128 1 10 >/dev/null; "$fsb" write "$m/store" 5000 5 >/dev/null
  "$fsb" readdir "$m/dir" 5 10 >/dev/null
done

# system|file for open+read+close and stat|server pid|mount root with big/dir/store ("" = none)
systems=(
  "kernel_sysfs|/sys/kernel/mm/transparent_hugepage/enabled||"
  "kernel_proc_uptime|/proc/uptime||"
  "tmpfs|$T/small||$T"
  "c_default|$C1/small|$pid_c_default|$C1"
  "c_s|$C2/small|$pid_c_s|$C2"
  "lxcfs_proc_uptime|$LX/proc/uptime|$pid_lxcfs|"
  "pfs_core|$P1/small|$pid_pfs_core|$P1"
  "pfs_s|$P2/small|$pid_pfs_s|$P2"
  "pfs_t0|$P3/small|$pid_pfs_t0|$P3"
)
raw="$out/raw.tsv"
printf 'rep\tsystem\tmetric\tvalue\tcpu_us_per_op\n' >"$raw"
record() { # rep system metric pid fsbench-args...
  local rep=$1 sys=$2 metric=$3 pid=$4; shift 4
  local r; r=$(FSBENCH_PID=$pid "$fsb" "$@") || { echo "bench: $sys $metric failed" >&2; return 1; }
  printf '%s\t%s\t%s\t%s\t%s\n' "$rep" "$sys" "$metric" ${r% *} ${r#* } >>"$raw"
}
loads=("$(cut -d' ' -f1-3 /proc/loadavg)")
for rep in $(seq "$REPS"); do
  echo "bench: repetition $rep/$REPS (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  for s in "${systems[@]}"; do
    IFS='|' read -r sys file pid root <<<"$s"
    for t in 1 2 4; do record "$rep" "$sys" "openread_t$t" "$pid" openread "$file" "$OPS" "$SECS" "$t"; done
    record "$rep" "$sys" stat "$pid" stat "$file" "$((OPS * 10))" "$SECS"
    if [ -n "$root" ]; then
      record "$rep" "$sys" readdir_ms "$pid" readdir "$root/dir" 10 "$SECS"
      record "$rep" "$sys" seqread_MBps "$pid" seqread "$root/big" 128 2 "$((SECS * 5))"
      if [ -e "$root/bigfill" ]; then
        record "$rep" "$sys" seqfill_MBps "$pid" seqread "$root/bigfill" 128 2 "$((SECS * 5))"
      fi
      record "$rep" "$sys" write "$pid" write "$root/store" "$OPS" "$SECS"
    fi
  done
  # mount readiness: process start -> first successful read, one start per system
  mnt "ready_$rep"; R=$MP
  record "$rep" c_default ready_ms "" ready "$R/small" 30000 "$build/pseudofs-c" "$R" -f
  record "$rep" lxcfs_proc_uptime ready_ms "" ready "$R/proc/uptime" 30000 lxcfs -f -p "$work/ready.pid" "$R"
  record "$rep" pfs_core ready_ms "" ready "$R/small" 30000 java "${JAVA_OPTS[@]}" -cp "$cp" \
    dev.pseudofs.bench.BenchServer "$R"
  # what users start: the launcher (its JVM options and class archive), the demo's /sys view
  record "$rep" pfs_demo ready_ms "" ready "$R/sys/kernel/my_state/system_enabled" 30000 \
    "$repo/pseudofs" mount --root "$R" --only sys --demo
  loads+=("$(cut -d' ' -f1-3 /proc/loadavg)")
done

echo "bench: RSS, threads, node memory, 1 GiB read" >&2
: >"$out/servers.tsv"
for s in c_default c_s lxcfs pfs_core pfs_s pfs_t0; do
  p=$(eval echo "\$pid_$s")
  printf '%s\t%s\t%s\n' "$s" "$(awk '/VmRSS/{print $2}' /proc/$p/status)" \
    "$(awk '/Threads/{print $2}' /proc/$p/status)" >>"$out/servers.tsv"
done
java -Xmx2g -XX:+UseSerialGC -cp "$cp" dev.pseudofs.bench.NodeMemory 100000 1000000 >"$out/nodes.txt"
mnt huge; H=$MP; start huge "$H/small" java -Xmx64m -XX:+UseSerialGC -cp "$cp" dev.pseudofs.bench.BenchServer "$H" -s
huge=$(FSBENCH_PID=$pid_huge "$fsb" seqread "$H/huge" 128 1 120)
printf '%s\t%s\t%s\n' "$huge" "$(awk '/VmRSS/{print $2}' /proc/$pid_huge/status)" \
  "$(kill -0 "$pid_huge" && echo alive)" >"$out/huge.txt"

if [ "$JMH" = 1 ]; then
  echo "bench: JMH (short: 1 fork, 2x1 s warm-up, 3x1 s measurement)" >&2
  java -Xmx512m -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 2 -w 1s -i 3 -r 1s -rf csv -rff "$out/jmh.csv" \
    dev.pseudofs.bench.jmh >"$out/jmh.log" 2>&1
fi

{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "command=REPS=$REPS OPS=$OPS SECS=$SECS JMH=$JMH bench/run.sh"
  echo "nproc=$(nproc)"; echo "kernel=$(uname -r)"
  echo "jdk=$(java -version 2>&1 | head -1)"
  echo "libfuse=$(dpkg-query -W -f '${Version}' libfuse2 2>/dev/null)"
  echo "lxcfs=$(dpkg-query -W -f '${Version}' lxcfs 2>/dev/null)"
  echo "loadavg=$(IFS=';'; echo "${loads[*]}")"
} >"$out/machine.txt"
python3 "$here/summarize.py" "$out" "$here/README.md" "$here/ratios.png"
echo "bench: done; table in bench/README.md, plot bench/ratios.png, raw data in bench/out/" >&2
