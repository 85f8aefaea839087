#!/usr/bin/env bash
# Times `pseudofs mount --root R --demo --background` (from the command's start to its return,
# once every view answers), RUNS times each, interleaved, with the detached server JVM started
# with the options Background.java used before (-Xmx128m -XX:+UseSerialGC) and with the
# launcher's (PSEUDOFS_JVM_OPTIONS: -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 and the class
# archive). The front end is the launcher's JVM both times. Usage: bench/run-background-start.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-10}
"$here/pseudofs" --version >/dev/null  # builds the jar and the class archive when needed
jar="$here/mount-tool/target/pseudofs.jar"
jsa="$here/mount-tool/target/pseudofs.jsa"
launcher=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$jsa" -Xlog:cds=off)
root=$(mktemp -d /tmp/pseudofs-bgstart-XXXXXX)
trap 'java -jar "$jar" umount "$root" >/dev/null 2>&1 || true; rmdir "$root" 2>/dev/null || true' EXIT
one() { # $1: label, $2: server options (one a line), rest: extra mount arguments
  local label=$1 opts=$2; shift 2
  local t0 t1
  t0=$(date +%s%N)
  PSEUDOFS_JVM_OPTIONS="$opts" java "${launcher[@]}" -jar "$jar" mount --root "$root" --demo --background "$@" >/dev/null
  t1=$(date +%s%N)
  java "${launcher[@]}" -jar "$jar" umount "$root" >/dev/null
  echo "$label $(( (t1 - t0) / 1000000 ))"
}
for _ in $(seq "$runs"); do
  one before "-XX:+UseSerialGC" --heap 128m
  one after "$(printf '%s\n' "${launcher[@]}")"
done | sort -k2 -n | awk '{ ms[$1] = ms[$1] " " $2 } END { for (l in ms) print l ":" ms[l] " ms" }'
uptime
