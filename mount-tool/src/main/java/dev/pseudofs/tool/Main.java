package dev.pseudofs.tool;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the {@code pseudofs} command. Every error is one line on stderr: a usage error (an
 * unknown option, a missing or bad argument, no command) exits 2, any other failure 1; the
 * stack trace goes to the DEBUG log only ({@code PSEUDOFS_LOG=DEBUG}).
 */
@Command(name = "pseudofs", mixinStandardHelpOptions = true, version = "pseudofs 0.1.0",
        description = "Linux pseudo filesystems (sysfs, procfs, debugfs, configfs) in user space.")
public final class Main implements java.util.concurrent.Callable<Integer> {
    /** The exit status of a usage error. */
    static final int USAGE = 2;

    // The subcommands, in the order the usage lists them. picocli reflects over every option of
    // every command it is given, which was a third of a start (bench/README.md), so a command
    // line gets only the subcommand it names, and all of them only when it names none.
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, MountCommand.class,
            UmountCommand.class, ModuleCommands.Insmod.class, ModuleCommands.Rmmod.class,
            ModuleCommands.Lsmod.class, RebindCommand.class, FixtureCommands.Load.class,
            FixtureCommands.Set.class, FixtureCommands.Get.class, FixtureCommands.Dump.class,
            RecordCommand.class, ImportCommand.class, RunCommand.class);

    private static String[] arguments = new String[0];

    /** Parses the command line and runs the chosen subcommand; exits with its status. */
    public static void main(String[] args) {
        arguments = args.clone();
        if (servesHere(args)) {
            dev.pseudofs.core.fuse.Natives.preload(); // jnr-ffi's binding while picocli parses (bench/README.md)
        }
        int status;
        try {
            status = commandLine(args).execute(args);
        } catch (Throwable e) { // an Error (OutOfMemoryError ...) passes picocli's handler
            LoggerFactory.getLogger(Main.class).debug("pseudofs {} failed", String.join(" ", args), e);
            System.err.println("pseudofs: " + describe(e));
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Returns the command line for {@code words} with the one-line error handlers: with the
     * subcommand {@code args[0]} names, or with every subcommand when it names none.
     */
    static CommandLine commandLine(String... words) {
        CommandLine cl = new CommandLine(new Main());
        String asked = words.length > 0 ? words[0] : "";
        boolean known = COMMANDS.stream().anyMatch(c -> name(c).equals(asked));
        boolean version = words.length == 1 && (asked.equals("-V") || asked.equals("--version"));
        for (Class<?> c : COMMANDS) {
            if (!version && (!known || name(c).equals(asked))) {
                cl.addSubcommand(name(c), c);
            }
        }
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) {
            run.setStopAtPositional(true); // CMD's own options are CMD's
        }
        cl.setParameterExceptionHandler((e, args) -> {
            String name = e.getCommandLine().getCommandName();
            String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
            System.err.println("pseudofs: " + (name.equals("pseudofs") ? "" : name + ": ")
                    + e.getMessage() + " (see " + cmd + " --help)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            LoggerFactory.getLogger(Main.class).debug("pseudofs {} failed", String.join(" ", arguments), e);
            System.err.println("pseudofs: " + describe(e));
            return 1;
        });
        return cl;
    }

    // Whether this JVM will likely mount: a server's command, not a --background front end.
    private static boolean servesHere(String[] args) {
        return args.length > 0 && List.of("mount", "run", "demo").contains(args[0])
                && (Detached.requested() || !List.of(args).contains("--background"))
                && !List.of(args).contains("--help");
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Returns the command-line arguments this process was started with. */
    static String[] arguments() {
        return arguments.clone();
    }

    /** Returns one line that says what went wrong, for any exception (never "null"). */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": already exists";
        }
        if (e instanceof NotDirectoryException f) {
            return f.getFile() + ": not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + ")";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName() + (e.getCause() == null ? "" : ": " + describe(e.getCause()));
        }
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public Integer call() {
        System.err.print(commandLine().getUsageMessage());
        return USAGE; // no command is a usage error
    }
}
