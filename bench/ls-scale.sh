#!/usr/bin/env bash
# `ls -l` of one directory of N entries (issue 15), pseudofs against tmpfs, as root from the
# repository root:   bench/ls-scale.sh [ENTRIES] [ROUNDS]      # defaults 100000 and 3
# The fixture is one sys directory of N text attributes; the tmpfs copy holds files with the
# same names. Rounds alternate pseudofs and tmpfs (other work on the machine shifts both), each
# a cold listing (the kernel's caches of the mount dropped with drop_caches) and a warm one.
# Prints one line per run with the load average; results also go to bench/out/ls-scale.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
n="${1:-100000}"; rounds="${2:-3}"
out="${OUT:-/tmp/pseudofs-bench-ls}"
res="$here/bench/out"
mkdir -p "$res" "$out"
report="$res/ls-scale.txt"
root="$out/root"; tmp="$out/tmpfs"
cleanup() {
  PSEUDOFS_NO_BUILD=1 ./pseudofs umount "$root" >/dev/null 2>&1 || true
  umount "$tmp" 2>/dev/null || true
}
trap cleanup EXIT
./pseudofs --version >/dev/null   # builds the jar once
say() { echo "$*" | tee -a "$report"; }
: > "$report"
python3 - "$out/flat.yaml" "$n" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("sys:\n  devices/platform/flat:\n    dir:\n")
    for i in range(int(sys.argv[2])):
        f.write('      a%06d: "%d\\n"\n' % (i, i))
PY
mkdir -p "$root" "$tmp"
mount -t tmpfs none "$tmp"
mkdir "$tmp/flat"
(cd "$tmp/flat" && python3 -c "
import sys
for i in range(int(sys.argv[1])): open('a%06d' % i, 'w').write('%d\n' % i)" "$n")
PSEUDOFS_NO_BUILD=1 ./pseudofs mount --root "$root" --only sys --fixture "$out/flat.yaml" ${OPTS:-} --background >/dev/null
say "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores; ls -l of $n entries; options: ${OPTS:-none}"
run() { # label dir
  sync; echo 2 > /proc/sys/vm/drop_caches
  local t0 t1 t2
  t0=$(date +%s.%N); ls -l "$2" > /dev/null; t1=$(date +%s.%N); ls -l "$2" > /dev/null; t2=$(date +%s.%N)
  say "$1 cold $(echo "$t1 - $t0" | bc) s, warm $(echo "$t2 - $t1" | bc) s (load $(cut -d' ' -f1 /proc/loadavg))"
}
for _ in $(seq "$rounds"); do
  run pseudofs "$root/sys/devices/platform/flat"
  run tmpfs "$tmp/flat"
done
