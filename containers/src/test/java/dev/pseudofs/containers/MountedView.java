package dev.pseudofs.containers;

import dev.pseudofs.core.testing.TestMount;
import dev.pseudofs.procfs.Procfs;
import dev.pseudofs.sysfs.Sysfs;
import java.nio.file.Path;

/**
 * Is a container view of this machine mounted for a test: its /proc and /sys on temp
 * directories. Closing unmounts both and stops the view, also after a failed test.
 */
final class MountedView implements AutoCloseable {
    private final ContainerView view;
    private final TestMount proc;
    private final TestMount sys;

    private MountedView(ContainerView view, TestMount proc, TestMount sys) {
        this.view = view;
        this.proc = proc;
        this.sys = sys;
    }

    /** Mounts a view of {@link Host#real()}. */
    static MountedView ofHost() throws Exception {
        Procfs p = Procfs.create();
        Sysfs s = Sysfs.create();
        ContainerView v = ContainerView.install(p, s, Host.real());
        TestMount proc = null;
        try {
            proc = TestMount.of(p.tree());
            return new MountedView(v, proc, TestMount.of(s.tree()));
        } catch (Exception | Error e) {
            try (ContainerView cv = v; TestMount a = proc) {
                throw e;
            }
        }
    }

    /** Returns the mounted /proc. */
    Path proc() {
        return proc.dir();
    }

    /** Returns the mounted /sys. */
    Path sys() {
        return sys.dir();
    }

    @Override
    public void close() {
        try (ContainerView v = view; TestMount a = proc; TestMount b = sys) {
            // closed in reverse order, each also when another failed
        }
    }
}
