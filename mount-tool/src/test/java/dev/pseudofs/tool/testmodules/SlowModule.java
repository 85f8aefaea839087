package dev.pseudofs.tool.testmodules;

import dev.pseudofs.core.FsException;
import dev.pseudofs.sysfs.ParamType;
import dev.pseudofs.tool.ModuleContext;
import dev.pseudofs.tool.PseudofsModule;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A module whose init creates proc/slow, then waits (up to 30 s) until the file named by its
 * parameter {@code until} exists: others create nodes while it is inside init.
 */
public final class SlowModule implements PseudofsModule {
    @Override
    public String name() {
        return "slow";
    }

    @Override
    public void init(ModuleContext ctx) {
        Path until = Path.of(ctx.param("until", ParamType.CHARP, 0444, "/nonexistent").stringValue());
        ctx.procfs().createSingle("slow", 0444, null, m -> m.puts("slow\n"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(until) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw FsException.invalid("interrupted");
            }
        }
    }
}
