#!/usr/bin/env bash
# A hand-written YAML fixture of 10^5 entries (issue 13), as root from the repository root:
#   bench/yaml-scale.sh [ENTRIES]        # default 100000
# Generates it with mount-tool/src/test/resources/fixtures/scale/make-yaml.py (block-style
# device directories of 99 attributes: text, bounded ints, bools, strings, choices, links),
# then measures: parsing it alone in the launcher's JVM options (-Xmx64m), wall time and
# peak RSS (/usr/bin/time); `pseudofs mount --background` with the default heap rule until
# it returns (the launcher checks the file, the server reads it again and mounts), the
# server's -Xmx, RSS and live heap after a full GC; `cat` of one attribute of every device.
# Results go to bench/out/yaml-scale.txt and stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
n="${1:-100000}"
out="${OUT:-/tmp/pseudofs-bench-yaml}"
res="$here/bench/out"
mkdir -p "$res" "$out"
report="$res/yaml-scale.txt"
root="$out/root"
yaml="$out/big.yaml"
cleanup() { PSEUDOFS_NO_BUILD=1 ./pseudofs umount "$root" >/dev/null 2>&1 || true; }
trap cleanup EXIT
./pseudofs --version >/dev/null   # builds the jar and the class archive once
now() { date +%s.%N; }
say() { echo "$*" | tee -a "$report"; }
: > "$report"
say "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 mount-tool/src/test/resources/fixtures/scale/make-yaml.py "$yaml" "$n"
say "YAML: $n entries, $(stat -c %s "$yaml") bytes, $(wc -l < "$yaml") lines"

# 1. what the launcher does first: read the whole file (import parses it and writes nothing)
/usr/bin/time -f "%e %M" -o "$out/import.time" env PSEUDOFS_NO_BUILD=1 ./pseudofs import "$yaml" -o /dev/null
read -r wall rss < "$out/import.time"
say "parse in the launcher (pseudofs import, -Xmx64m): $wall s wall, peak RSS $rss KiB"

# 2. mount --background with the default heap rule
mkdir -p "$root"
t0=$(now)
PSEUDOFS_NO_BUILD=1 ./pseudofs mount --root "$root" --fixture "$yaml" --background > /dev/null
t1=$(now)
server=$(pgrep -f -n "Main mount --root $root")
say "mount --background returned (file checked, read again and mounted): $(echo "$t1 - $t0" | bc) s;" \
    "server $(tr '\0' '\n' < /proc/$server/cmdline | grep -m1 -- -Xmx), RSS $(awk '/VmRSS/{print $2}' /proc/$server/status) KiB"
jcmd "$server" GC.run >/dev/null 2>&1 || true
say "server heap after a full GC: $(jcmd "$server" GC.heap_info 2>/dev/null | grep -E 'def new|tenured' | sed 's/^ *//' | tr '\n' ';')"

# 3. one attribute of every device
t0=$(now)
cat "$root"/sys/devices/platform/bench/dev*/text00 > /dev/null
t1=$(now)
say "cat of text00 of $(ls "$root/sys/devices/platform/bench" | wc -l) devices: $(echo "$t1 - $t0" | bc) s;" \
    "server RSS after: $(awk '/VmRSS/{print $2}' /proc/$server/status) KiB"
