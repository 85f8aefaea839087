#!/usr/bin/env bash
# Times `pseudofs mount --root R --demo --background` through the launcher, from the command's
# start to its return (the server has written its pid file: every view answers), RUNS times
# (hyperfine; each run starts with nothing mounted), then checks that a file reads at once after
# the return. RT=1 runs it under `chrt -f 10` (see bench/README.md). Usage:
# bench/run-background-start.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-10}
command -v hyperfine >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
"$here/pseudofs" --version >/dev/null  # builds the jar and the class archive when needed
export PSEUDOFS_NO_BUILD=1
root=$(mktemp -d /tmp/pseudofs-bgstart-XXXXXX)
trap '"$here/pseudofs" umount "$root" >/dev/null 2>&1 || true; rm -rf --one-file-system "$root"' EXIT
prio=()
[ -n "${RT:-}" ] && prio=(chrt -f 10)
uptime
"${prio[@]}" hyperfine -N --runs "$runs" --prepare "bash -c '$here/pseudofs umount $root >/dev/null 2>&1; true'" \
  "$here/pseudofs mount --root $root --demo --background"
"$here/pseudofs" umount "$root" >/dev/null 2>&1 || true
"$here/pseudofs" mount --root "$root" --demo --background >/dev/null && head -c 20 "$root/proc/demo_numbers" >/dev/null &&
  echo "a file read at once after the return"
uptime
