#!/usr/bin/env bash
# Times `pseudofs run -- true` with a small fixture (a battery and a meminfo line), start to
# exit, against `umockdev-run -- true` with a small device file, in the same run, interleaved
# (hyperfine; both installed from Debian when missing). RT=1 runs it under `chrt -f 10` (see
# bench/README.md). Usage: bench/run-start.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-20}
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v umockdev-run >/dev/null 2>&1 || need+=(umockdev)
if ((${#need[@]})); then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
"$here/pseudofs" --version >/dev/null  # builds the jar and the class archive when needed
work=$(mktemp -d /tmp/pseudofs-runstart-XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
cat > "$work/battery.yaml" <<'YAML'
sys:
  class/power_supply/BAT0:
    dir:
      capacity: {int: 50, min: 0, max: 100}
      status: {string: Discharging, mode: 0444}
proc:
  meminfo: |
    MemTotal:        8000000 kB
YAML
cat > "$work/battery.umockdev" <<'DEV'
P: /devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply/BAT0
E: POWER_SUPPLY_NAME=BAT0
E: SUBSYSTEM=power_supply
A: capacity=50\n
A: status=Discharging\n
DEV
export PSEUDOFS_NO_BUILD=1 PSEUDOFS_RUN="$work/run"
# the same run's check that both fakes answer
"$here/pseudofs" run --fixture "$work/battery.yaml" -- cat /sys/class/power_supply/BAT0/capacity
umockdev-run -d "$work/battery.umockdev" -- cat /sys/class/power_supply/BAT0/capacity
prio=()
[ -n "${RT:-}" ] && prio=(chrt -f 10)
uptime
"${prio[@]}" hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/table.md" \
  "$here/pseudofs run --fixture $work/battery.yaml -- true" \
  "umockdev-run -d $work/battery.umockdev -- true" \
  "$here/pseudofs --version"
sed "s|$here/||g; s|$work/||g" "$work/table.md"
uptime
