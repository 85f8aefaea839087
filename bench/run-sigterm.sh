#!/usr/bin/env bash
# Times SIGTERM to exit of a foreground server with every view busy: a file held open in each
# of the four views and a poller blocked in poll(POLLPRI) on a sysfs attribute. Prints the time
# from kill to the server's exit, the mask the poller woke with and when, RUNS times.
# Usage: bench/run-sigterm.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-3}
"$here/pseudofs" --version >/dev/null  # builds the jar and the class archive when needed
work=$(mktemp -d /tmp/pseudofs-sigterm-XXXXXX)
trap 'exec 3<&- 4<&- 5<&- 6<&- 2>/dev/null || true; "$here/pseudofs" umount "$work/root" >/dev/null 2>&1 || true; rm -rf --one-file-system "$work"' EXIT
cat > "$work/poller.py" <<'PY'
import select, sys, time
f = open(sys.argv[1], 'rb', buffering=0); f.read()
p = select.poll(); p.register(f, select.POLLPRI)
print("ready", flush=True)
r = p.poll()
print("mask=%#x at %d" % (r[0][1], time.time_ns() // 1000000), flush=True)
PY
for _ in $(seq "$runs"); do
  r="$work/root"; mkdir -p "$r"
  "$here/pseudofs" mount --root "$r" --demo >"$work/log" 2>&1 & pid=$!
  for _ in $(seq 300); do [ -e "$r/sys/kernel/config/01-childless/description" ] && break; sleep 0.1; done
  exec 3<"$r/proc/uptime" 4<"$r/sys/kernel/my_state/clock" 5<"$r/sys/kernel/debug/my_state/enable" \
       6<"$r/sys/kernel/config/01-childless/description"
  python3 "$work/poller.py" "$r/sys/kernel/my_state/clock" >"$work/poll" & poller=$!
  for _ in $(seq 300); do grep -q ready "$work/poll" && break; sleep 0.1; done
  sleep 0.3
  t0=$(date +%s%N); kill -TERM $pid; rc=0; wait $pid || rc=$?; t1=$(date +%s%N)
  wait $poller
  woke=$(sed -n 's/.* at //p' "$work/poll")
  echo "exit $rc after $(( (t1 - t0) / 1000000 )) ms; poller $(grep -o 'mask=0x[0-9a-f]*' "$work/poll")" \
       "$(( woke - t0 / 1000000 )) ms after the kill; mounts left: $(grep -c " $r/" /proc/mounts || true)"
  exec 3<&- 4<&- 5<&- 6<&-
done
uptime
