package dev.pseudofs.junit;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.PowerSource;
import oshi.util.GlobalConfig;

/**
 * Prints what OSHI reports when pointed at a fake root ({@code args[0]}), one {@code key=value}
 * a line: run in a JVM of its own, since OSHI fixes its paths (ProcPath, SysPath) and caches
 * static figures once per JVM.
 */
public final class OshiProbe {
    private OshiProbe() {}

    /** Points OSHI at {@code args[0]}/proc and {@code args[0]}/sys, then prints its figures. */
    public static void main(String[] args) {
        GlobalConfig.set(GlobalConfig.OSHI_UTIL_PROC_PATH, args[0] + "/proc");
        GlobalConfig.set(GlobalConfig.OSHI_UTIL_SYS_PATH, args[0] + "/sys");
        // udev enumerates the real /sys whatever the setting: read sysfs files instead.
        GlobalConfig.set(GlobalConfig.OSHI_OS_LINUX_ALLOWUDEV, false);
        SystemInfo si = new SystemInfo();
        GlobalMemory mem = si.getHardware().getMemory();
        System.out.println("memory.total=" + mem.getTotal());
        System.out.println("memory.available=" + mem.getAvailable());
        CentralProcessor cpu = si.getHardware().getProcessor();
        System.out.println("cpu.logical=" + cpu.getLogicalProcessorCount());
        System.out.println("cpu.physical=" + cpu.getPhysicalProcessorCount());
        System.out.println("cpu.name=" + cpu.getProcessorIdentifier().getName());
        for (PowerSource ps : si.getHardware().getPowerSources()) {
            System.out.println("power." + ps.getName() + ".capacity=" + ps.getRemainingCapacityPercent());
            System.out.println("power." + ps.getName() + ".charging=" + ps.isCharging());
            System.out.println("power." + ps.getName() + ".discharging=" + ps.isDischarging());
        }
    }
}
