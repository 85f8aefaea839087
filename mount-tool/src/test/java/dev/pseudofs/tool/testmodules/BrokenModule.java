package dev.pseudofs.tool.testmodules;

import dev.pseudofs.core.FsException;
import dev.pseudofs.tool.ModuleContext;
import dev.pseudofs.tool.PseudofsModule;

/** A module whose init fails half-way, after creating files: it must leave nothing behind. */
public final class BrokenModule implements PseudofsModule {
    @Override
    public String name() {
        return "broken";
    }

    @Override
    public void init(ModuleContext ctx) {
        ctx.param("level", dev.pseudofs.sysfs.ParamType.INT, 0644, "1");
        ctx.procfs().createSingle("broken", 0444, null, m -> m.puts("half\n"));
        ctx.debugfs().createDir("broken", null);
        throw FsException.invalid("broken hardware");
    }
}
