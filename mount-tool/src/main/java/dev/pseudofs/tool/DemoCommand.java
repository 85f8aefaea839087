package dev.pseudofs.tool;

import dev.pseudofs.core.MountOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Mounts every view with the demo module and prints a short tour; serves until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Mount the demo module in every view under --root and serve it until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--root", description = "directory to mount under (created if missing), default ${DEFAULT-VALUE}")
    Path root = Path.of("/tmp/pseudofs-demo");

    @Option(names = "--allow-other", description = "let other users use the views")
    boolean allowOther;

    @Override
    public Integer call() throws Exception {
        String bad = MountCommand.checkRoot(root);
        if (bad != null) {
            System.err.println("pseudofs: demo: " + bad + " (see pseudofs demo --help)");
            return Main.USAGE;
        }
        try {
            PidFile.claim(root, true); // one server per root
        } catch (PidFile.Busy e) {
            System.err.println("pseudofs: " + e.getMessage());
            return 1;
        }
        String d = root.toAbsolutePath().normalize().toString();
        String tour = """
                pseudofs demo: proc, sys, sys/kernel/debug and sys/kernel/config are mounted under %1$s.
                Try, in another shell:
                  cd %1$s
                  cat sys/kernel/my_state/system_enabled              # The system is not running
                  cat proc/my_state                                   # The system is disabled
                  echo 1 > sys/kernel/debug/my_state/enable           # switches every view
                  cat sys/kernel/my_state/system_enabled proc/my_state sys/kernel/debug/my_state/system_state
                  cat sys/kernel/my_state/clock; cat sys/kernel/my_state/clock      # counts up
                  echo abc > sys/kernel/my_state/clock                # Invalid argument, value kept
                  python3 -c 'import fcntl,struct; fcntl.ioctl(open("sys/kernel/debug/my_state/clock"), 0x40046d02, struct.pack("i", 7))'
                  cat sys/kernel/debug/my_state/clock sys/kernel/my_state/clock    # 7 7: set with _IOW('m', 2, int)
                  echo 10000 > proc/sys/kernel/threads-max; cat proc/sys/kernel/threads-max
                  echo 5 > sys/module/demo/parameters/count; cat proc/demo_numbers
                  echo 3000000 > sys/kernel/debug/sched/wakeup_granularity_ns
                  readlink proc/self; cat proc/uptime proc/loadavg
                  ls sys/kernel/config; cat sys/kernel/config/01-childless/description
                  mkdir sys/kernel/config/02-simple-children/child1; ls sys/kernel/config/02-simple-children/child1
                  rmdir sys/kernel/config/02-simple-children/child1
                Press Ctrl-C to unmount and stop.""".formatted(d);
        MountOptions options = MountOptions.defaults().withAllowOther(allowOther);
        return Foreground.serve(root, View.NAMES, true, List.of(), options, tour);
    }
}
