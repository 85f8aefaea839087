package dev.pseudofs.tool;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the {@code pseudofs} command. */
@Command(name = "pseudofs", mixinStandardHelpOptions = true, version = "pseudofs 0.1.0",
        description = "Linux pseudo filesystems (sysfs, procfs, debugfs, configfs) in user space.",
        subcommands = {DemoCommand.class, MountCommand.class, UmountCommand.class,
                ModuleCommands.Insmod.class, ModuleCommands.Rmmod.class, ModuleCommands.Lsmod.class,
                RebindCommand.class, FixtureCommands.Load.class, FixtureCommands.Set.class,
                FixtureCommands.Get.class, FixtureCommands.Dump.class, RecordCommand.class,
                ImportCommand.class})
public final class Main implements Runnable {
    private static String[] arguments = new String[0];

    /** Parses the command line and runs the chosen subcommand; exits with its status. */
    public static void main(String[] args) {
        arguments = args.clone();
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Returns the command-line arguments this process was started with. */
    static String[] arguments() {
        return arguments.clone();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
