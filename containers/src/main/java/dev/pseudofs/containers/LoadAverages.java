package dev.pseudofs.containers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a load average per cgroup, as LXCFS's {@code -l} (proc_loadavg.c) and the kernel's
 * calc_load do: every 5 s the cgroup's threads in state R or D are counted and folded into
 * three exponentially decaying averages (fixed point, FSHIFT 11). A cgroup is followed from
 * its first read until it has not been read for 10 minutes or has gone.
 */
final class LoadAverages implements AutoCloseable {
    private static final int FSHIFT = 11;
    private static final long FIXED_1 = 1L << FSHIFT;
    private static final long[] EXP = {1884, 2014, 2037}; // 1/exp(5s/1min), 5min, 15min
    private static final long FORGET_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** One followed cgroup; fields guarded by itself. */
    private static final class Load {
        final long[] avenrun = new long[3];
        int running;
        int threads;
        volatile long lastRead = System.nanoTime();
    }

    private final Path proc;
    private final Map<Path, Load> loads = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pseudofs-loadavg");
        t.setDaemon(true);
        return t;
    });

    LoadAverages(Path proc) {
        this.proc = proc;
        timer.scheduleAtFixedRate(this::sampleAll, 5, 5, TimeUnit.SECONDS);
    }

    /** Returns /proc/loadavg for the cgroup whose task list is {@code tasks}. */
    byte[] show(Path tasks, String hostLoadavg) {
        Load l = loads.computeIfAbsent(tasks, t -> {
            Load n = new Load();
            sample(t, n, false);
            return n;
        });
        l.lastRead = System.nanoTime();
        String lastPid = hostLoadavg.substring(hostLoadavg.lastIndexOf(' ') + 1).trim();
        synchronized (l) {
            return String.format("%s %s %s %d/%d %s\n", fixed(l.avenrun[0]), fixed(l.avenrun[1]),
                    fixed(l.avenrun[2]), l.running, l.threads, lastPid).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private void sampleAll() {
        long now = System.nanoTime();
        loads.forEach((tasks, l) -> {
            if (now - l.lastRead > FORGET_NANOS || !sample(tasks, l, true)) {
                loads.remove(tasks);
            }
        });
    }

    // Counts the threads of the cgroup and, when fold is set, folds the count into the averages.
    private boolean sample(Path tasks, Load l, boolean fold) {
        String list = Read.string(tasks);
        if (list == null) {
            return false;
        }
        int active = 0;
        int running = 0;
        int threads = 0;
        for (String tid : list.split("\n")) {
            if (tid.isEmpty()) {
                continue;
            }
            String stat = Read.string(proc.resolve(tid + "/stat"));
            if (stat == null) {
                continue;
            }
            threads++;
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'R') {
                running++;
            }
            if (state == 'R' || state == 'D') {
                active++;
            }
        }
        synchronized (l) {
            l.running = running;
            l.threads = threads;
            if (fold) {
                for (int i = 0; i < 3; i++) { // calc_load
                    long load = l.avenrun[i] * EXP[i] + active * FIXED_1 * (FIXED_1 - EXP[i]);
                    if (active * FIXED_1 >= l.avenrun[i]) {
                        load += FIXED_1 - 1;
                    }
                    l.avenrun[i] = load / FIXED_1;
                }
            }
        }
        return true;
    }

    // LOAD_INT.LOAD_FRAC with rounding as the kernel's loadavg_proc_show (+ FIXED_1/200).
    private static String fixed(long x) {
        x += FIXED_1 / 200;
        return (x >> FSHIFT) + "." + String.format("%02d", ((x & (FIXED_1 - 1)) * 100) >> FSHIFT);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
