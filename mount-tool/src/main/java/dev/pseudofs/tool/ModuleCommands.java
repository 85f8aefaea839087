package dev.pseudofs.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Holds insmod, rmmod and lsmod: they talk to a running server over its control socket. */
final class ModuleCommands {
    private ModuleCommands() {}

    // Prints the reply's text on success; Control.request reports a failure.
    static int send(Path root, List<String> request) {
        Control.Reply r = Control.request(root, request);
        if (r.status() != 0) {
            return 1;
        }
        if (!r.text().isEmpty()) {
            System.out.println(r.text());
        }
        return 0;
    }

    /** Loads the modules of a jar into a running server. */
    @Command(name = "insmod", mixinStandardHelpOptions = true,
            description = "Load the modules of JAR into the server mounted under ROOT.")
    static final class Insmod implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOT", converter = RunRoots.Converter.class,
                description = "the root, or @PID / @NAME of a pseudofs run")
        Path root;

        @Parameters(index = "1", paramLabel = "JAR")
        Path jar;

        @Parameters(index = "2..*", paramLabel = "param=value", description = "module parameters")
        List<String> params = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<String> req = new ArrayList<>(List.of("insmod", jar.toAbsolutePath().toString()));
            req.addAll(params);
            return send(root, req);
        }
    }

    /** Unloads a module from a running server. */
    @Command(name = "rmmod", mixinStandardHelpOptions = true,
            description = "Unload module NAME from the server mounted under ROOT.")
    static final class Rmmod implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOT", converter = RunRoots.Converter.class,
                description = "the root, or @PID / @NAME of a pseudofs run")
        Path root;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return send(root, List.of("rmmod", name));
        }
    }

    /** Lists the modules of a running server. */
    @Command(name = "lsmod", mixinStandardHelpOptions = true,
            description = "List the modules loaded in the server mounted under ROOT.")
    static final class Lsmod implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOT", converter = RunRoots.Converter.class,
                description = "the root, or @PID / @NAME of a pseudofs run")
        Path root;

        @Override
        public Integer call() throws Exception {
            return send(root, List.of("lsmod"));
        }
    }
}
