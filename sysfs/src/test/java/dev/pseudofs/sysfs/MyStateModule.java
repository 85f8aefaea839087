package dev.pseudofs.sysfs;

import dev.pseudofs.core.Kstrtox;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Is the lecture's example module: {@code /sys/kernel/my_state} with {@code system_enabled}
 * (0400) and {@code clock} (0600), written against this API as docs/sysfs.md shows it.
 */
final class MyStateModule {
    private final AtomicInteger clock = new AtomicInteger();
    private volatile boolean enabled;
    private final Kobject myState;

    MyStateModule(Sysfs sysfs) {
        // kobject_create_and_add("my_state", kernel_kobj)
        myState = Kobject.createAndAdd("my_state", sysfs.kernel());
        // sysfs_create_group(my_state, &attr_group) with two __ATTR entries
        myState.createGroup(AttributeGroup.of(
                Attribute.of("system_enabled", 0400,
                        buf -> buf.append(enabled ? "The system is running\n" : "The system is not running\n"),
                        null),
                Attribute.of("clock", 0600,
                        (kobj, buf) -> buf.emit("%d\n", clock.getAndIncrement()),
                        (kobj, in) -> {
                            clock.set(Kstrtox.kstrtoint(in.text(), 10)); // EINVAL keeps the old value
                            kobj.notify("clock");                      // sysfs_notify(kobj, NULL, "clock")
                            return in.count();
                        })));
    }

    /** Starts the "system" (the module's own state, not a file). */
    void enable() {
        enabled = true;
    }

    /** Removes the directory (kobject_put in module exit). */
    void exit() {
        myState.put();
    }
}
