package dev.pseudofs.tool;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Tree;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the lecture's example module on the kernfs core: {@code kernel/my_state} with
 * {@code system_enabled}, {@code clock} and a switch, as a kernel module would in /sys.
 */
final class ExampleModule {
    private final AtomicBoolean enabled = new AtomicBoolean();
    private final AtomicLong clock = new AtomicLong();

    private ExampleModule() {}

    /** Adds {@code kernel/my_state} to {@code tree} and returns the module's state. */
    static ExampleModule install(Tree tree) {
        ExampleModule m = new ExampleModule();
        Dir myState = tree.root().createDir("kernel", 0755).createDir("my_state", 0755);
        File systemEnabled = myState.createFile("system_enabled", 0400, FileOps.show(buf ->
                buf.append(m.enabled.get() ? "The system is running\n" : "The system is not running\n")),
                File.PAGE_SIZE);
        File[] clockFile = new File[1];
        clockFile[0] = myState.createFile("clock", 0600, FileOps.showStore(
                buf -> buf.line(m.clock.getAndIncrement()), // each read returns the counter, then counts
                in -> {
                    m.clock.set(parseLong(in.text()));
                    clockFile[0].notifyChanged(); // sysfs_notify: pollers wake
                    return in.count();
                }), File.PAGE_SIZE);
        myState.createFile("enable", 0200, FileOps.store(in -> {
            m.enabled.set(parseLong(in.text()) != 0);
            systemEnabled.notifyChanged();
            return in.count();
        }), File.PAGE_SIZE);
        return m;
    }

    // kstrtol(buf, 10, ...): optional sign, digits, at most one trailing newline (S17).
    private static long parseLong(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (!t.matches("[+-]?[0-9]+")) {
            throw FsException.invalid("not a number: " + text);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw FsException.outOfRange("out of range: " + text);
        }
    }
}
