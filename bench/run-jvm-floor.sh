#!/usr/bin/env bash
# The least a launcher on this JDK costs before it can mount anything (issue 15's readiness):
# wall time of `java -version`, of an empty main, and of a main that only lets picocli parse
# `mount --root R --only sys --demo` (bench/floor/PicocliFloor.java) and exits, the last two
# with an AppCDS archive of their own classes and the launcher's JVM options. RUNS each, sorted.
# When a JDK 25 is under /usr/lib/jvm, the same two on it with an AOT cache (JEP 483) instead.
# usage (from anywhere, after the project was built once): bench/run-jvm-floor.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-11}
pico=$(ls "$here"/mount-tool/target/lib/picocli-*.jar)
work=$(mktemp -d /tmp/pfjvm-XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/Empty.java" <<'JAVA'
public class Empty { public static void main(String[] a) { } }
JAVA
javac -d "$work/classes" -cp "$pico" "$work/Empty.java" "$here/bench/floor/PicocliFloor.java"
jar cf "$work/floor.jar" -C "$work/classes" .
cp="$work/floor.jar:$pico"
jvm=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)  # the launcher's
java "${jvm[@]}" -XX:DumpLoadedClassList="$work/classes.lst" -cp "$cp" PicocliFloor --root /tmp --only sys --demo
java "${jvm[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$work/floor.jsa" -cp "$cp" >/dev/null 2>&1
times() {
  for _ in $(seq "$runs"); do
    local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | sort -n | awk '{v[NR]=$1} END {printf "median %d ms (%d-%d)\n", v[int((NR+1)/2)], v[1], v[NR]}'
}
uptime
echo "java -version:          $(times java -version)"
echo "empty main, AppCDS:     $(times java "${jvm[@]}" -XX:SharedArchiveFile="$work/floor.jsa" -Xlog:cds=off -cp "$cp" Empty)"
echo "picocli parse, AppCDS:  $(times java "${jvm[@]}" -XX:SharedArchiveFile="$work/floor.jsa" -Xlog:cds=off -cp "$cp" PicocliFloor --root /tmp --only sys --demo)"
j25=$(ls -d /usr/lib/jvm/*-25-* /usr/lib/jvm/*-25 2>/dev/null | head -1 || true)
if [ -n "$j25" ]; then
  "$j25/bin/java" "${jvm[@]}" -XX:AOTCacheOutput="$work/floor.aot" -cp "$cp" PicocliFloor --root /tmp --only sys --demo >/dev/null 2>&1
  echo "JDK 25 ($j25), AOT cache:"
  echo "  java -version:        $(times "$j25/bin/java" -version)"
  echo "  empty main:           $(times "$j25/bin/java" "${jvm[@]}" -XX:AOTCache="$work/floor.aot" -cp "$cp" Empty)"
  echo "  picocli parse:        $(times "$j25/bin/java" "${jvm[@]}" -XX:AOTCache="$work/floor.aot" -cp "$cp" PicocliFloor --root /tmp --only sys --demo)"
fi
