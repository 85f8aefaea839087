package dev.pseudofs.tool;

import dev.pseudofs.core.MountOptions;
import dev.pseudofs.fixtures.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a command with the fake views where programs look: the server mounts them under its own
 * root in a mount namespace of its own ({@link RunNamespace}), so that it keeps the real /proc
 * and /sys; CMD starts in a namespace of its own, copied from the server's, where run-ns.sh
 * mounts the views over /sys and /proc (or the --over paths). CMD's exit status is run's
 * (128+N when a signal killed it), signals are passed on ({@link SignalRelay}), and nothing
 * stays mounted or running afterwards: the server's mounts go with its namespace, even after
 * kill -9, and CMD gets SIGKILL when run dies (PR_SET_PDEATHSIG).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run CMD with the fake views mounted over /sys and /proc (or only over the --over paths)"
                + " in a mount namespace of its own; exit with CMD's status (128+N after signal N).",
                "While CMD runs, pseudofs set/get/dump/load/insmod take @PID (run's pid) or @NAME (--name)"
                        + " as ROOT: pseudofs set @PID /sys/class/power_supply/BAT0/capacity 5.",
                "run's own failures exit 125; a CMD that cannot be found 127."})
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    static final int FAILED = 125;
    static final int NOT_FOUND = 127;

    @Option(names = "--fixture", paramLabel = "FILE",
            description = "serve the fixture FILE (YAML/JSON, .ttar, .umockdev or a fixture tree); repeatable")
    List<Path> fixtureFiles = new ArrayList<>();

    @Option(names = "--module", arity = "1..*", paramLabel = "JAR [param=value...]",
            description = "load the modules of JAR with these parameters; repeatable")
    List<String> moduleWords = new ArrayList<>();

    @Option(names = "--demo", description = "load the demo module")
    boolean demo;

    @Option(names = "--over", paramLabel = "PATH", description = "mount the fake PATH (below /sys or /proc)"
            + " over the real one, leaving the rest real; repeatable (default: all of /sys and /proc)")
    List<String> overs = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "set PATH to VALUE before CMD starts; repeatable")
    List<String> sets = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "control name: @NAME as well as @PID for set/get/dump")
    String name;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "the command and its arguments (after --)")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Logging.quiet();
        String bad = check();
        if (bad != null) {
            System.err.println("pseudofs: run: " + bad + " (see pseudofs run --help)");
            return Main.USAGE;
        }
        boolean root = PidFile.uid() == 0;
        if (!root && !RunNamespace.isPrivate()) {
            String missing = RunNamespace.missingForUser();
            if (missing != null) {
                System.err.println("pseudofs: " + missing);
                return FAILED;
            }
        }
        if (!executable(command.get(0))) {
            System.err.println("pseudofs: run: " + command.get(0) + ": command not found");
            return NOT_FOUND;
        }
        long heap = ServerJvm.heap(null, fixtureFiles);
        if (!RunNamespace.isPrivate() || !ServerJvm.fits(heap)) {
            Process p = new ProcessBuilder(RunNamespace.restart(heap, List.of(Main.arguments()), root))
                    .inheritIO().start();
            SignalRelay.to(p);
            return p.waitFor();
        }
        return serve();
    }

    // Returns the usage error in the options, or null.
    private String check() {
        for (String p : overs) {
            Path path = Path.of(p);
            if (!path.isAbsolute() || !path.normalize().toString().equals(p)
                    || !(path.startsWith("/sys") || path.startsWith("/proc"))) {
                return "--over " + p + ": not an absolute, normalized path below /sys or /proc";
            }
        }
        for (String s : sets) {
            if (s.indexOf('=') < 1) {
                return "--set " + s + ": not PATH=VALUE";
            }
        }
        return name == null ? null : RunRoots.badName(name);
    }

    // Serves the views in this (private) namespace while CMD runs; returns CMD's status.
    private int serve() throws Exception {
        long pid = ProcessHandle.current().pid();
        PidFile.dir();
        RunRoots.sweep();
        Path root = RunRoots.of(pid);
        Files.createDirectories(root);
        Server server = new Server(root);
        AtomicReference<Control> control = new AtomicReference<>();
        AtomicBoolean cleaned = new AtomicBoolean();
        Runnable cleanup = () -> {
            if (!cleaned.getAndSet(true)) {
                Control c = control.get();
                if (c != null) {
                    c.close();
                }
                server.close();
                RunRoots.remove(pid, name);
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup)); // a signal before CMD starts
        try {
            PidFile.claim(root, true);
            if (name != null) {
                RunRoots.name(name, root);
            }
            Kernel kernel = Kernel.boot(Path.of("/")); // where CMD sees the views
            load(kernel);
            server.mountAll(views(kernel), MountOptions.defaults().withAllowOther(root()));
            control.set(Control.serve(root, request -> Foreground.handle(kernel, request)));
            PidFile.write(root);
            for (String p : overs) {
                checkOver(root, p);
            }
        } catch (Exception e) {
            System.err.println("pseudofs: " + Main.describe(e));
            cleanup.run();
            return FAILED;
        }
        Process cmd = new ProcessBuilder(cmdLine(root)).inheritIO().start();
        SignalRelay.to(cmd);
        String ns = namespaceOf(cmd);
        int status = cmd.waitFor();
        killLeftOvers(ns);
        cleanup.run();
        return status;
    }

    private static boolean root() {
        return PidFile.uid() == 0;
    }

    private void load(Kernel kernel) throws IOException {
        if (demo) {
            kernel.modules().load(new DemoModule(), java.util.Map.of());
        }
        for (ModuleArgs m : ModuleArgs.split(moduleWords)) {
            kernel.modules().loadJar(m.jar(), m.arguments());
        }
        for (Path f : fixtureFiles) {
            kernel.fixtures().load(Fixtures.read(f));
        }
        for (String s : sets) {
            int eq = s.indexOf('=');
            String value = s.substring(eq + 1);
            kernel.fixtures().set(s.substring(0, eq), value.endsWith("\n") ? value : value + "\n");
        }
    }

    // proc and sys always; debug and config where a fixture or module put something in them.
    private static List<View> views(Kernel kernel) {
        List<String> names = new ArrayList<>(List.of("proc", "sys"));
        for (String v : List.of("debug", "config")) {
            if (!kernel.tree(v).root().children().isEmpty()) {
                names.add(v);
            }
        }
        return Views.select(kernel, names);
    }

    // An --over PATH must exist in the fake tree, and be of the real PATH's type where that exists.
    private static void checkOver(Path root, String p) throws IOException {
        Path fake = Path.of(root + p);
        if (!Files.exists(fake, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("run: --over " + p + ": the fake tree has no " + p);
        }
        Path real = Path.of(p);
        if (Files.exists(real) && Files.isDirectory(real) != Files.isDirectory(fake)) {
            throw new IOException("run: --over " + p + ": the fake one is " + (Files.isDirectory(fake) ? "a directory" : "a file")
                    + ", the real one is not");
        }
    }

    // setpriv: CMD dies with run; unshare: CMD's own namespace; run-ns.sh: the mounts, then CMD.
    private List<String> cmdLine(Path root) throws IOException {
        String script;
        try (InputStream in = RunCommand.class.getResourceAsStream("run-ns.sh")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> paths = overs.isEmpty() ? List.of("/sys", "/proc") : overs;
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL",
                "unshare", "--mount", "--propagation", "private", "sh", "-c", script, "pseudofs-run", root.toString()));
        // /proc last: mount(8) reads /proc/self/mountinfo, which must still be the real one
        paths.stream().sorted(Comparator.comparing((String p) -> p.startsWith("/proc"))).forEach(cmd::add);
        cmd.add("--");
        cmd.addAll(command);
        return cmd;
    }

    // CMD's mount namespace, once unshare made it (null if CMD was gone before).
    private static String namespaceOf(Process cmd) throws InterruptedException {
        String mine = link(Path.of("/proc/self/ns/mnt"));
        Path its = Path.of("/proc", Long.toString(cmd.pid()), "ns", "mnt");
        for (int i = 0; i < 2000 && cmd.isAlive(); i++) {
            String ns = link(its);
            if (ns != null && !ns.equals(mine)) {
                return ns;
            }
            Thread.sleep(1);
        }
        return null;
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return null;
        }
    }

    // Processes CMD left in its namespace would keep the views' mounts there (dead, once the
    // server is gone): they are killed, as a service manager kills what a unit left behind.
    private static void killLeftOvers(String ns) {
        if (ns == null) {
            return;
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> ns.equals(link(p.resolve("ns/mnt"))))
                    .forEach(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
                            .ifPresent(ProcessHandle::destroyForcibly));
        } catch (IOException e) {
            // best effort: the namespace dies with its last process anyway
        }
    }

    // CMD as a shell would find it: a path, or a name on PATH.
    private static boolean executable(String cmd) {
        if (cmd.contains("/")) {
            return Files.isExecutable(Path.of(cmd)) && !Files.isDirectory(Path.of(cmd));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, cmd);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return true;
            }
        }
        return false;
    }
}
