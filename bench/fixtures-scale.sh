#!/usr/bin/env bash
# Fixtures at the scale of a real machine (issue 13), as root from the repository root:
#   bench/fixtures-scale.sh
# Records this machine's /sys and non-PID /proc as a fixture tree, mounts it with the
# launcher (its JVM options, in the foreground as a user would start it), and measures: the
# recording's time and size, readiness of the mount, the server's RSS and heap (a class
# histogram), reading every recorded file with cat on the host and on the mount, and
# prometheus-node-exporter on both (installed when missing); then the cat and the exporter again
# on a mount with --page-cache (docs/fixtures.md). Results go to bench/out/ and stdout.
# OUT=DIR keeps the recording elsewhere (default /tmp/pseudofs-bench-fixtures; on tmpfs or ext4
# the recording's speed differs: ext4 spends most of it creating inodes).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
out="${OUT:-/tmp/pseudofs-bench-fixtures}"
res="$here/bench/out"
mkdir -p "$res" "$out"
report="$res/fixtures-scale.txt"
root="$out/root"
tree="$out/host"
server=""
ne=""
cleanup() {
  [ -n "$ne" ] && kill "$ne" 2>/dev/null || true
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  PSEUDOFS_NO_BUILD=1 ./pseudofs umount "$root" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if ! command -v prometheus-node-exporter >/dev/null; then
  # Debian's package; policy-rc.d (present in containers) keeps the service from starting.
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus-node-exporter >/dev/null
fi
./pseudofs --version >/dev/null   # builds the jar and the class archive once
now() { date +%s.%N; }
say() { echo "$*" | tee -a "$report"; }
: > "$report"
say "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. record
t0=$(now)
PSEUDOFS_NO_BUILD=1 ./pseudofs record /sys /proc -o "$tree" 2> "$out/record.err"
t1=$(now)
say "record /sys /proc: $(echo "$t1 - $t0" | bc) s wall (launcher included)"
head -1 "$out/record.err" | tee -a "$report"
entries=$(grep -vc '^#' "$tree/pseudofs.index")
say "entries: $entries; on disk: $(du -sk "$tree" | cut -f1) KiB (du), $(du -sk --apparent-size "$tree" | cut -f1) KiB (apparent)"

# 2. mount with the launcher, in the foreground, until the last recorded file answers
probe="$root/$(awk -F'\t' '$1=="f"{p=$4} END{print p}' "$tree/pseudofs.index")"
mkdir -p "$root"
t0=$(now)
PSEUDOFS_NO_BUILD=1 ./pseudofs mount --root "$root" --fixture "$tree" > "$out/mount.log" 2>&1 &
server=$!
until [ -e "$probe" ]; do
  kill -0 "$server" 2>/dev/null || { cat "$out/mount.log"; exit 1; }
  sleep 0.01
done
t1=$(now)
say "mount ready (launcher start to the last recorded file): $(echo "$t1 - $t0" | bc) s"
sleep 1
# A fixture bigger than the launcher's heap is served by a JVM of its own (ServerJvm), a child.
jvm=$(pgrep -f -n "Main mount --root $root") || jvm=$server
say "server RSS after loading: $(awk '/VmRSS/{print $2}' /proc/$jvm/status) KiB$([ "$jvm" != "$server" ] && echo ", in a JVM of its own with $(tr '\0' '\n' < /proc/$jvm/cmdline | grep -m1 -- -Xmx)")"
jcmd "$jvm" GC.run >/dev/null 2>&1 || true
say "server heap after a full GC: $(jcmd "$jvm" GC.heap_info 2>/dev/null | grep -E 'def new|tenured' | sed 's/^ *//' | tr '\n' ';')"
jcmd "$jvm" GC.class_histogram 2>/dev/null | head -23 > "$res/fixtures-scale-histogram.txt" || true

# 2b. the same with --background (the detached server's own JVM options), as the tests start it
kill -TERM "$server"; wait "$server" 2>/dev/null || true; server=""
t0=$(now)
PSEUDOFS_NO_BUILD=1 ./pseudofs mount --root "$root" --fixture "$tree" --background > /dev/null
t1=$(now)
server=$(pgrep -f -n "java .*mount --root $root") || true
say "mount --background ready: $(echo "$t1 - $t0" | bc) s; its RSS $(awk '/VmRSS/{print $2}' /proc/$server/status) KiB"

# 3. cat every recorded file, host and mount, twice each, interleaved; the best of two
awk -F'\t' '$1=="f"||$1=="b"||$1=="i"{print $4}' "$tree/pseudofs.index" > "$out/files"
pid=$(readlink "$tree/proc/self" || echo none)
sed "s|^proc/$pid/|proc/self/|" "$out/files" | sed 's|^|/|' | tr '\n' '\0' > "$out/host.list"
sed "s|^|$root/|" "$out/files" | tr '\n' '\0' > "$out/mount.list"
best() { # list -> seconds of the faster of two cat passes
  local b=999
  for _ in 1 2; do
    local s; s=$(now); xargs -0 cat < "$1" > /dev/null 2>&1 || true; local e; e=$(now)
    b=$(echo "if ($e - $s < $b) $e - $s else $b" | bc)
  done
  echo "$b"
}
h=$(best "$out/host.list"); m=$(best "$out/mount.list")
say "cat of every recorded file ($(wc -l < "$out/files") files): host $h s, mount $m s, ratio $(echo "scale=2; $m / $h" | bc)"
say "server RSS after reading everything: $(awk '/VmRSS/{print $2}' /proc/$server/status) KiB"

# 4. prometheus-node-exporter on the host and on the recording
scrape() { # procfs sysfs file
  local port; port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  prometheus-node-exporter --path.procfs="$1" --path.sysfs="$2" --web.listen-address="127.0.0.1:$port" > "$3.log" 2>&1 &
  ne=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/metrics" > "$3" && break; sleep 0.1; done
  kill "$ne"; wait "$ne" 2>/dev/null || true; ne=""
}
scrape /proc /sys "$out/host.prom"
scrape "$root/proc" "$root/sys" "$out/mount.prom"
compare() { # mount-name: the exporter's answers on the mount against the host's
  for f in host "$1"; do
    grep '^node_scrape_collector_success' "$out/$f.prom" | sort > "$out/$f.success"
    grep '^# TYPE' "$out/$f.prom" | sort > "$out/$f.families"
  done
  say "node-exporter ($1): collectors succeeding host $(grep -c ' 1$' "$out/host.success") mount $(grep -c ' 1$' "$out/$1.success");" \
      "families host $(wc -l < "$out/host.families") mount $(wc -l < "$out/$1.families")"
  if diff "$out/host.success" "$out/$1.success" > "$out/success.diff" &&
     diff "$out/host.families" "$out/$1.families" > "$out/families.diff"; then
    say "node-exporter ($1): same collectors succeeding, same metric families"
  else
    say "node-exporter ($1): DIFFERENT:"; cat "$out/success.diff" "$out/families.diff" | tee -a "$report"
  fi
}
compare mount

# 5. the same cat and exporter on a mount with --page-cache (each file stats its length)
server=""
PSEUDOFS_NO_BUILD=1 ./pseudofs umount "$root" >/dev/null   # stops the background server
PSEUDOFS_NO_BUILD=1 ./pseudofs mount --root "$root" --fixture "$tree" --page-cache --background > /dev/null
server=$(pgrep -f -n "java .*mount --root $root") || true
h=$(best "$out/host.list"); m=$(best "$out/mount.list")
say "--page-cache: cat of every recorded file: host $h s, mount $m s, ratio $(echo "scale=2; $m / $h" | bc)"
say "--page-cache: server RSS after reading everything: $(awk '/VmRSS/{print $2}' /proc/$server/status) KiB"
scrape "$root/proc" "$root/sys" "$out/pagecache.prom"
compare pagecache
