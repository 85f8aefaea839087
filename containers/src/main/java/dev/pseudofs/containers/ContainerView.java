package dev.pseudofs.containers;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.DirOps;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.Node;
import dev.pseudofs.procfs.Procfs;
import dev.pseudofs.sysfs.Kobject;
import dev.pseudofs.sysfs.Sysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.function.Function;

/**
 * Fills a /proc and a /sys with files computed from the calling process's cgroup (LXCFS's
 * job): meminfo, swaps, cpuinfo, stat, uptime, loadavg, diskstats, pressure/{cpu,io,memory},
 * and /sys/devices/system/cpu/online with the cpuN directories of the caller's cpuset.
 *
 * <p>Each read asks who opened the file ({@link dev.pseudofs.core.OpenFile#opener()}, the FUSE
 * request's pid), reads that process's /proc/PID/cgroup and the cgroup's files, and renders
 * the host's file for it. A caller the view cannot place (no cgroup, no limit, the root
 * cgroup) gets the host's own file.
 */
public final class ContainerView implements AutoCloseable {
    private final Host host;
    private final Uptime uptime;
    private final LoadAverages loads;
    private final Recent recent = new Recent();
    private final Memberships members;
    private java.util.concurrent.ScheduledExecutorService triggers; // guarded by this; on first trigger

    private ContainerView(Host host) {
        this.host = host;
        this.uptime = new Uptime(host, recent);
        this.loads = new LoadAverages(host.proc());
        this.members = new Memberships(host.proc());
    }

    /**
     * Adds the per-caller files to {@code proc} and {@code sys}, reading {@code host}; close
     * the returned view to stop its load-average sampler.
     */
    public static ContainerView install(Procfs proc, Sysfs sys, Host host) {
        ContainerView v = new ContainerView(host);
        v.proc(proc);
        v.sys(sys);
        return v;
    }

    private void proc(Procfs proc) {
        single(proc, null, "meminfo", this::meminfo);
        single(proc, null, "swaps", this::swaps);
        single(proc, null, "cpuinfo", this::cpuinfo);
        single(proc, null, "stat", this::stat);
        single(proc, null, "uptime", uptime::show);
        single(proc, null, "loadavg", this::loadavg);
        single(proc, null, "diskstats", this::diskstats);
        if (Files.isDirectory(host.proc().resolve("pressure"))) {
            // Without PSI (CONFIG_PSI off, psi=0) the kernel has no /proc/pressure at all.
            Dir pressure = proc.procMkdir("pressure", null);
            for (String r : new String[] {"cpu", "io", "memory"}) {
                proc.procCreate(r, pressureMode(r), pressure, new PressureFile(r));
            }
        }
    }

    private void single(Procfs proc, Dir parent, String name, Function<Integer, byte[]> show) {
        proc.createSingle(name, 0444, parent, m -> {
            int pid = m.file().opener().pid();
            byte[] b = pid > 0 ? show.apply(pid) : null;
            m.write(b != null ? b : hostFile(name));
        });
    }

    private byte[] hostFile(String name) {
        byte[] b = host.file(name);
        if (b == null) {
            throw dev.pseudofs.core.FsException.io("cannot read the host's /proc/" + name);
        }
        return b;
    }

    private Path dir(int pid, String controller) {
        return host.cgroups().dir(controller, members.of(pid));
    }

    private byte[] meminfo(int pid) {
        Path d = dir(pid, "memory");
        return recent.get("meminfo " + d, () -> MemoryFiles.meminfo(hostFile("meminfo"),
                d == null ? null : MemoryCgroup.read(host.cgroups(), d)));
    }

    private byte[] swaps(int pid) {
        Path d = dir(pid, "memory");
        return MemoryFiles.swaps(hostFile("swaps"), host.text("meminfo"),
                d == null ? null : MemoryCgroup.read(host.cgroups(), d));
    }

    // The caller's CPUs when its cpuset is narrower than the root cpuset's, else null.
    private BitSet narrowedCpus(Map<String, String> membership) {
        Cgroups cg = host.cgroups();
        Path d = cg.dir("cpuset", membership);
        BitSet mine = CpuFiles.cpus(cg, d);
        BitSet all = d == null ? null : CpuFiles.cpus(cg, cg.mountOf(d));
        return mine == null || mine.equals(all) ? null : mine;
    }

    private byte[] cpuinfo(int pid) {
        Map<String, String> membership = members.of(pid);
        return recent.get("cpuinfo " + host.cgroups().dir("cpuset", membership),
                () -> CpuFiles.cpuinfo(hostFile("cpuinfo"), narrowedCpus(membership)));
    }

    private byte[] stat(int pid) {
        Map<String, String> membership = members.of(pid);
        Cgroups cg = host.cgroups();
        Path set = cg.dir("cpuset", membership);
        Path acct = cg.dir("cpuacct", membership);
        return recent.get("stat " + set + " " + acct, () -> {
            BitSet cpus = narrowedCpus(membership);
            boolean rootAcct = acct == null || acct.equals(cg.mountOf(acct));
            if (cpus == null && rootAcct) {
                return hostFile("stat"); // the whole machine: the host's own file
            }
            BitSet shown = cpus != null ? cpus : CpuFiles.cpus(cg, set);
            return CpuFiles.stat(hostFile("stat"), cpus, rootAcct ? null : CpuFiles.usage(cg, acct, shown));
        });
    }

    private byte[] loadavg(int pid) {
        Cgroups cg = host.cgroups();
        Map<String, String> membership = members.of(pid);
        Path d = cg.dir("cpu", membership);
        if (d == null || d.equals(cg.mountOf(d))) {
            return null;
        }
        return loads.show(d.resolve(cg.isUnified("cpu") ? "cgroup.threads" : "tasks"), host.text("loadavg"));
    }

    private byte[] diskstats(int pid) {
        Cgroups cg = host.cgroups();
        Path d = cg.dir("blkio", members.of(pid));
        if (d == null || d.equals(cg.mountOf(d))) {
            return null;
        }
        return DiskStats.show(host.text("diskstats"), cg, d);
    }

    // ---- /proc/pressure -------------------------------------------------------------------

    // The host's mode: 0666 since Linux 6.5 lets anyone write a 2 s trigger, 0644 before.
    private int pressureMode(String resource) {
        try {
            return Files.getAttribute(host.proc().resolve("pressure/" + resource), "unix:mode",
                    java.nio.file.LinkOption.NOFOLLOW_LINKS) instanceof Integer m ? m & 07777 : 0666;
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return 0666;
        }
    }

    // What the caller's pressure file shows: its cgroup's *.pressure in the unified hierarchy,
    // else (the root cgroup, no v2 hierarchy, the file hidden by cgroup.pressure=0) the host's.
    private Path pressureSource(int pid, String resource) {
        Path d = pid > 0 ? host.cgroups().unifiedDir(members.of(pid)) : null;
        if (d != null && !d.equals(host.cgroups().mountOf(d))) {
            Path f = d.resolve(resource + ".pressure");
            if (Files.exists(f)) {
                return f;
            }
        }
        return host.proc().resolve("pressure/" + resource);
    }

    /** The per-open state of a pressure file: the text of its last read, its trigger. */
    private static final class PressureOpen {
        byte[] shown;
        Pressure.Trigger trigger;
        java.util.concurrent.ScheduledFuture<?> sampler;
        boolean sourceGone; // the cgroup the trigger watched was removed
    }

    /**
     * A /proc/pressure file (psi_cpu_proc_ops ...): read shows the caller's pressure, a write
     * installs a trigger on this open file (one per open file, EBUSY after), and poll answers
     * as psi_trigger_poll: POLLPRI once per event, ERR|PRI without a trigger. The trigger
     * watches the file the opener reads, sampled every window/10 (CAP_SYS_RESOURCE writers) or
     * 2 s (others), as the kernel updates its triggers.
     */
    private final class PressureFile implements dev.pseudofs.procfs.ProcOps {
        private final String resource;

        PressureFile(String resource) {
            this.resource = resource;
        }

        @Override
        public void open(dev.pseudofs.core.OpenFile file) {
            file.setPrivateData(new PressureOpen());
        }

        // single_open: the text is made at a read from position 0 and kept for the reads after.
        @Override
        public int read(dev.pseudofs.core.OpenFile file, java.nio.ByteBuffer dst, long pos) {
            PressureOpen st = (PressureOpen) file.privateData();
            byte[] b;
            synchronized (st) {
                if (pos == 0 || st.shown == null) {
                    b = Read.bytes(pressureSource(file.opener().pid(), resource));
                    if (b == null) {
                        throw dev.pseudofs.core.FsException.io("cannot read the pressure of " + resource);
                    }
                    st.shown = b;
                }
                b = st.shown;
            }
            if (pos >= b.length) {
                return 0;
            }
            int n = (int) Math.min(dst.remaining(), b.length - pos);
            dst.put(b, (int) pos, n);
            return n;
        }

        @Override
        public int write(dev.pseudofs.core.OpenFile file, java.nio.ByteBuffer src, long pos) {
            int n = src.remaining();
            PressureOpen st = (PressureOpen) file.privateData();
            synchronized (st) {
                if (st.trigger != null) {
                    throw Pressure.busy();
                }
                Pressure.Trigger t = Pressure.parse(src, Capabilities.hasSysResource(host.proc(),
                        file.opener().pid()));
                Path source = pressureSource(file.opener().pid(), resource);
                t.start(micros(), Pressure.total(Read.bytes(source), t.full));
                st.trigger = t;
                st.sampler = triggers().scheduleAtFixedRate(() -> {
                    byte[] now = Read.bytes(source);
                    if (now == null && !Files.exists(source)) {
                        gone(file, st); // its cgroup was removed: as the kernel's removed file, ERR|PRI
                    } else if (t.update(micros(), Pressure.total(now, t.full))) {
                        file.file().notifyChanged(); // pollers ask again; poll() hands out the event
                    }
                }, t.period, t.period, java.util.concurrent.TimeUnit.MICROSECONDS);
            }
            return n;
        }

        @Override
        public int poll(dev.pseudofs.core.OpenFile file) {
            PressureOpen st = (PressureOpen) file.privateData();
            Pressure.Trigger t;
            boolean gone;
            synchronized (st) {
                t = st.trigger;
                gone = st.sourceGone;
            }
            int mask = dev.pseudofs.core.PollEvents.DEFAULT_MASK;
            if (t == null || gone) {
                return mask | dev.pseudofs.core.PollEvents.POLLERR | dev.pseudofs.core.PollEvents.POLLPRI;
            }
            return t.takeEvent() ? mask | dev.pseudofs.core.PollEvents.POLLPRI : mask;
        }

        // The cgroup whose pressure the trigger watched is gone: its sampler stops, and poll
        // answers ERR|PRI from now on, as kernfs does for a removed cgroup's pressure file.
        private void gone(dev.pseudofs.core.OpenFile file, PressureOpen st) {
            synchronized (st) {
                st.sourceGone = true;
                st.sampler.cancel(false);
            }
            file.file().notifyChanged();
        }

        @Override
        public void release(dev.pseudofs.core.OpenFile file) {
            PressureOpen st = (PressureOpen) file.privateData();
            synchronized (st) {
                if (st.sampler != null) {
                    st.sampler.cancel(false);
                }
            }
        }
    }

    private static long micros() {
        return System.nanoTime() / 1000;
    }

    private synchronized java.util.concurrent.ScheduledExecutorService triggers() {
        if (triggers == null) {
            triggers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "psi-triggers");
                t.setDaemon(true);
                return t;
            });
        }
        return triggers;
    }

    // ---- /sys/devices/system/cpu -------------------------------------------------------------

    private void sys(Sysfs sys) {
        Kobject system = Kobject.createAndAdd("system", sys.devices());
        Kobject cpu = Kobject.createAndAdd("cpu", system);
        Path hostCpu = host.proc().resolveSibling("sys/devices/system/cpu");
        cpu.dir().createFile("online", 0444, FileOps.show(buf -> {
            int pid = Caller.current().pid();
            BitSet cpus = pid > 0 ? CpuFiles.cpus(host.cgroups(), dir(pid, "cpuset")) : null;
            if (cpus == null) {
                buf.append(host.text("../sys/devices/system/cpu/online"));
            } else {
                buf.append(CpuList.format(cpus) + "\n");
            }
        }));
        cpu.dir().setOps(new CpuDirectories(hostCpu));
    }

    /**
     * Fills /sys/devices/system/cpu with a cpuN directory per host CPU, each a copy of the
     * host's top-level attribute files of that CPU, read at read time, and shows each caller
     * only those of its cpuset: the others are absent from its listings and lookups. Their
     * names are revalidated on every path walk, so the kernel never hands one caller's answer
     * to another.
     */
    private final class CpuDirectories implements DirOps {
        private final Path hostCpu;
        // The last caller's CPUs, per thread: shows() asks once per entry of one listing.
        private final ThreadLocal<Seen> seen = new ThreadLocal<>();

        private record Seen(int pid, long at, BitSet cpus) {}

        CpuDirectories(Path hostCpu) {
            this.hostCpu = hostCpu;
        }

        private BitSet cpus(Caller caller) {
            long now = System.nanoTime();
            Seen s = seen.get();
            if (s != null && s.pid == caller.pid() && now - s.at < 1_000_000L) {
                return s.cpus; // the same request (or the next one within a millisecond)
            }
            BitSet b = caller.pid() > 0 ? CpuFiles.cpus(host.cgroups(), dir(caller.pid(), "cpuset")) : null;
            if (b == null) {
                b = CpuList.parse(host.text("../sys/devices/system/cpu/online"));
            }
            seen.set(new Seen(caller.pid(), now, b));
            return b;
        }

        @Override
        public Node lookup(Dir parent, String name, Caller caller) {
            int n = cpuNumber(name);
            return n >= 0 && cpus(caller).get(n) ? create(parent, name) : null;
        }

        @Override
        public void readdir(Dir parent, Caller caller) {
            BitSet mine = cpus(caller);
            for (int c = mine.nextSetBit(0); c >= 0; c = mine.nextSetBit(c + 1)) {
                if (parent.lookup("cpu" + c) == null) {
                    create(parent, "cpu" + c);
                }
            }
        }

        @Override
        public boolean shows(Node child, Caller caller) {
            int n = cpuNumber(child.name());
            return n < 0 || cpus(caller).get(n);
        }

        @Override
        public boolean revalidate(Node child) {
            return cpuNumber(child.name()) >= 0;
        }

        private synchronized Node create(Dir parent, String name) {
            Node old = parent.lookup(name);
            if (old != null) {
                return old;
            }
            Dir d = parent.createDir(name, 0755);
            try (var files = Files.list(hostCpu.resolve(name))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    d.createFile(f.getFileName().toString(), 0444, FileOps.show(buf -> {
                        byte[] b = Read.bytes(f);
                        if (b == null) {
                            throw dev.pseudofs.core.FsException.io("cannot read " + f);
                        }
                        buf.put(b);
                    }));
                }
            } catch (java.io.IOException e) {
                // a CPU the host's /sys does not describe: an empty directory
            }
            return d;
        }

        private int cpuNumber(String name) {
            if (!name.startsWith("cpu") || name.length() == 3) {
                return -1;
            }
            for (int i = 3; i < name.length(); i++) {
                if (!Character.isDigit(name.charAt(i))) {
                    return -1;
                }
            }
            return Integer.parseInt(name.substring(3));
        }
    }

    /** Stops the load-average sampler. */
    @Override
    public void close() {
        loads.close();
        synchronized (this) {
            if (triggers != null) {
                triggers.shutdownNow();
            }
        }
    }
}
