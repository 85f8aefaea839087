#!/usr/bin/env bash
# Runs battery_report.py against a fake laptop, then plays the hardware: the battery runs low.
set -euo pipefail
root=$(mktemp -d)
./pseudofs mount --root "$root" --fixture docs/examples/laptop.yaml --background >/dev/null
trap './pseudofs umount "$root"; rm -r --one-file-system "$root"' EXIT
py=${PYTHON:-python3}   # a python3 with psutil (Debian: apt-get install python3-psutil)
"$py" docs/examples/battery_report.py "$root"
./pseudofs set "$root" sys/class/power_supply/BAT0/capacity 5
"$py" docs/examples/battery_report.py "$root"
