#!/usr/bin/env bash
# Launcher readiness: from the start of `pseudofs mount --root R --only sys --demo` to the first
# successful open+read of R/sys/kernel/my_state/system_enabled (bench/fsbench.c `ready`, which
# polls every 0.2 ms, then stops the server with SIGTERM), RUNS times.
# RT=1 runs it under `chrt -f 10` (real-time priority: the other sessions' load on this shared
# machine then barely counts; say so with the numbers). Usage: bench/run-ready.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-10}
"$here/pseudofs" --version >/dev/null  # builds the jar and the class archive when needed
work=$(mktemp -d /tmp/pseudofs-ready-XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
gcc -O2 -pthread -o "$work/fsbench" "$here/bench/fsbench.c"
prio=()
[ -n "${RT:-}" ] && prio=(chrt -f 10)
mkdir "$work/root"
uptime
for _ in $(seq "$runs"); do
  PSEUDOFS_NO_BUILD=1 "${prio[@]}" "$work/fsbench" ready "$work/root/sys/kernel/my_state/system_enabled" 30000 \
    "$here/pseudofs" mount --root "$work/root" --only sys --demo | cut -d' ' -f1
  sleep 0.2
done | sort -n | awk '{ v[NR] = $1 } END { printf "readiness ms, sorted:"; for (i = 1; i <= NR; i++) printf " %s", v[i];
  printf "\nmedian %s ms\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
uptime
