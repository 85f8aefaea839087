package dev.pseudofs.tool.testmodules;

import dev.pseudofs.sysfs.Kobject;
import dev.pseudofs.tool.ModuleContext;
import dev.pseudofs.tool.PseudofsModule;
import java.util.concurrent.Semaphore;

/**
 * A module that creates files after its init: a write to debug/late_make creates the kobject
 * sys/kernel/late_kobj and proc/late_proc there and then; a write to debug/late_kick makes the
 * module's own thread (started in init) add the kobject sys/kernel/late_thread.
 */
public final class LateModule implements PseudofsModule {
    private final Semaphore kick = new Semaphore(0);
    private Thread worker;

    @Override
    public String name() {
        return "late";
    }

    @Override
    public void init(ModuleContext ctx) {
        ctx.debugfs().createSingle("late_make", 0200, null, m -> { }, in -> {
            Kobject.createAndAdd("late_kobj", ctx.sysfs().kernel());
            ctx.procfs().createSingle("late_proc", 0444, null, m -> m.puts("late\n"));
            return in.count();
        });
        ctx.debugfs().createSingle("late_kick", 0200, null, m -> { }, in -> {
            kick.release();
            return in.count();
        });
        worker = new Thread(() -> {
            try {
                kick.acquire();
                Kobject.createAndAdd("late_thread", ctx.sysfs().kernel());
            } catch (InterruptedException e) {
                // unloaded before the kick
            }
        }, "late-module-worker");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void exit(ModuleContext ctx) {
        worker.interrupt();
    }
}
