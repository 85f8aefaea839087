"""The program under test: reports memory and battery with psutil, below a root it is given."""
import sys

import psutil
import psutil._pslinux  # psutil has no setting for /sys: its module constant is the seam

root = sys.argv[1] if len(sys.argv) > 1 else ""
psutil.PROCFS_PATH = root + "/proc"                                   # psutil's own setting
psutil._pslinux.POWER_SUPPLY_PATH = root + "/sys/class/power_supply"

mem = psutil.virtual_memory()
print(f"memory: {mem.total // 2**20} MiB, {mem.available // 2**20} MiB available")
print(f"booted at: {psutil.boot_time():.0f}")
bat = psutil.sensors_battery()
print(f"battery: {bat.percent:.0f}%, {'charging' if bat.power_plugged else 'on battery'}")
if bat.percent < 10:
    print("warning: battery low")
