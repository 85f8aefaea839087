package dev.pseudofs.tool;

import dev.pseudofs.configfs.ConfigfsSubsystem;
import dev.pseudofs.configfs.Samples;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.Errno;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.IoctlArg;
import dev.pseudofs.core.IoctlCmd;
import dev.pseudofs.core.Kstrtox;
import dev.pseudofs.core.OpenFile;
import dev.pseudofs.core.SeqOperations;
import dev.pseudofs.debugfs.Debugfs;
import dev.pseudofs.debugfs.IntegerKind;
import dev.pseudofs.procfs.Procfs;
import dev.pseudofs.procfs.Sysctl;
import dev.pseudofs.procfs.SysctlHeader;
import dev.pseudofs.sysfs.Attribute;
import dev.pseudofs.sysfs.AttributeGroup;
import dev.pseudofs.sysfs.Kobject;
import dev.pseudofs.sysfs.ModuleParam;
import dev.pseudofs.sysfs.ParamType;
import dev.pseudofs.sysfs.Sysfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Is the demo module: the lecture's examples in every view, sharing one state, so that
 * {@code echo 1 > sys/kernel/debug/my_state/enable} changes sysfs, procfs and debugfs at once.
 */
final class DemoModule implements PseudofsModule {
    /** The bounds of kernel/threads-max: MIN_THREADS and MAX_THREADS of kernel/fork.c. */
    static final int THREADS_MIN = 20;
    static final int THREADS_MAX = 1073741823;
    /** _IOR('m', 1, int) on sys/kernel/debug/my_state/clock: the clock, without counting it. */
    static final int CLOCK_GET = IoctlCmd.ior('m', 1, Integer.BYTES);
    /** _IOW('m', 2, int): sets the clock, as {@code echo N > sys/kernel/my_state/clock} does. */
    static final int CLOCK_SET = IoctlCmd.iow('m', 2, Integer.BYTES);

    private final AtomicBoolean enabled = new AtomicBoolean();
    private final AtomicInteger clock = new AtomicInteger();
    private final AtomicLong wakeupGranularity = new AtomicLong(4_000_000);
    private final int[] threadsMax = {hostThreadsMax()};
    private Kobject myState;
    private File systemEnabled;
    private SysctlHeader sysctl;
    private List<ConfigfsSubsystem> samples = List.of();

    @Override
    public String name() {
        return "demo";
    }

    /** Adds the demo's files to every view; the configfs samples of the kernel included. */
    @Override
    public void init(ModuleContext ctx) {
        installSysfs(ctx.sysfs());
        ModuleParam count = ctx.param("count", ParamType.INT, 0644, "100000");
        installProcfs(ctx.procfs(), count);
        installDebugfs(ctx.debugfs());
        samples = Samples.install(ctx.configfs());
    }

    /** Unregisters what other code keeps a handle to (module exit); files go with the module. */
    @Override
    public void exit(ModuleContext ctx) {
        samples.forEach(ctx.configfs()::unregisterSubsystem);
        sysctl.unregister();
        myState.put();
    }

    // /sys/kernel/my_state: system_enabled (0400) and clock (0600, notifies pollers on store).
    private void installSysfs(Sysfs sys) {
        myState = Kobject.createAndAdd("my_state", sys.kernel());
        myState.createGroup(AttributeGroup.of(
                Attribute.of("system_enabled", 0400, buf -> buf.append(enabled.get()
                        ? "The system is running\n" : "The system is not running\n"), null),
                Attribute.of("clock", 0600,
                        (kobj, buf) -> buf.emit("%d\n", clock.getAndIncrement()),
                        (kobj, in) -> {
                            clock.set(Kstrtox.kstrtoint(in.text(), 10)); // EINVAL keeps the old value
                            kobj.notify("clock");
                            return in.count();
                        })));
        systemEnabled = (File) myState.dir().lookup("system_enabled");
    }

    // /proc/my_state, /proc/sys/kernel/threads-max and /proc/demo_numbers.
    private void installProcfs(Procfs proc, ModuleParam count) {
        proc.createSingle("my_state", 0444, null, m -> m.puts(enabled.get()
                ? "The system is enabled\n" : "The system is disabled\n"));
        sysctl = proc.registerSysctl("kernel", Sysctl.intvecMinmax("threads-max", threadsMax, 0644,
                THREADS_MIN, THREADS_MAX));
        proc.createSeq("demo_numbers", 0444, null,
                SeqOperations.range(count::intValue, (m, v) -> m.putDecimal(v).putc('\n')));
    }

    // /sys/kernel/debug/my_state/{system_state,enable,clock} and sched/wakeup_granularity_ns.
    private void installDebugfs(Debugfs debug) {
        Dir dir = debug.createDir("my_state", null);
        debug.createInteger(IntegerKind.U8, "system_state", 0444, dir, () -> enabled.get() ? 1 : 0, v -> { });
        debug.createBool("enable", 0200, dir, enabled::get, on -> {
            enabled.set(on);
            systemEnabled.notifyChanged(); // pollers of system_enabled see the switch
        });
        debug.createFile("clock", 0444, dir, FileOps.single(m -> m.printf("%d\n", clock.get()))
                .withIoctl(this::clockIoctl)); // DEFINE_SHOW_ATTRIBUTE plus an unlocked_ioctl
        debug.createU64("wakeup_granularity_ns", 0644, debug.createDir("sched", null), wakeupGranularity);
    }

    // The driver's unlocked_ioctl of my_state/clock: CLOCK_GET reads the sysfs clock without
    // advancing it, CLOCK_SET sets it and wakes its pollers; other commands are ENOTTY.
    private int clockIoctl(OpenFile file, int cmd, IoctlArg arg) {
        if (cmd == CLOCK_GET) {
            arg.out().putInt(0, clock.get());
        } else if (cmd == CLOCK_SET) {
            clock.set(arg.in().getInt(0));
            myState.notify("clock");
        } else {
            throw new FsException(Errno.ENOTTY, "my_state/clock: no ioctl 0x" + Integer.toHexString(cmd));
        }
        return 0;
    }

    // The host's own threads-max when readable, else 10000; within the row's bounds either way.
    // One read(2), as cat does: a sysctl answers only the read at position 0 (C9), so a reader
    // that reads on from where it stopped (Files.readString of a size-0 file) gets "1".
    static int hostThreadsMax() {
        int v;
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/threads-max"))) {
            byte[] buf = new byte[64];
            int n = in.read(buf);
            v = Integer.parseInt(new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            v = 10000;
        }
        return Math.max(THREADS_MIN, Math.min(THREADS_MAX, v));
    }
}
