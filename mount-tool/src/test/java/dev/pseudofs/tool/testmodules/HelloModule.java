package dev.pseudofs.tool.testmodules;

import dev.pseudofs.core.FileOps;
import dev.pseudofs.sysfs.ModuleParam;
import dev.pseudofs.sysfs.ParamType;
import dev.pseudofs.tool.ModuleContext;
import dev.pseudofs.tool.PseudofsModule;

/** A module for the insmod tests: proc/hello greets {@code who}, a string parameter. */
public final class HelloModule implements PseudofsModule {
    @Override
    public String name() {
        return "hello";
    }

    @Override
    public void init(ModuleContext ctx) {
        ModuleParam who = ctx.param("who", ParamType.CHARP, 0644, "world");
        ctx.procfs().createSingle("hello", 0444, null, m -> m.printf("hello %s\n", who.stringValue()));
        ctx.debugfs().createFile("hello", 0444, null, FileOps.show(b -> b.append("debug hello\n")));
    }
}
