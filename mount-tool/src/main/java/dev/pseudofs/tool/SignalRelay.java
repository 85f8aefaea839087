package dev.pseudofs.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sun.misc.Signal;

/**
 * Passes the signals this process gets on to a child, as a shell's {@code exec} would let them
 * reach it: SIGTERM, SIGHUP, SIGUSR1, SIGUSR2 and SIGALRM always; SIGINT unless this process is
 * in its terminal's foreground process group, where Ctrl-C has already reached the child (it is
 * in the same group) and a second SIGINT would be one too many.
 */
final class SignalRelay {
    private static final List<String> ALWAYS = List.of("TERM", "HUP", "USR1", "USR2", "ALRM");

    private SignalRelay() {}

    /** Relays signals to {@code child} from now on. */
    static void to(Process child) {
        for (String sig : ALWAYS) {
            install(sig, child);
        }
        install("INT", child);
    }

    private static void install(String sig, Process child) {
        try {
            Signal.handle(new Signal(sig), s -> {
                if (child.isAlive() && !(sig.equals("INT") && inForeground())) {
                    send(sig, child.pid());
                }
            });
        } catch (IllegalArgumentException e) {
            // the JVM keeps this one (or it was ignored when we started): not relayed
        }
    }

    private static void send(String sig, long pid) {
        try {
            new ProcessBuilder("kill", "-s", sig, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            // the child is gone or kill is missing: nothing to pass on to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // /proc/self/stat: "pid (comm) state ppid pgrp session tty_nr tpgid ...": the terminal's
    // foreground group (tpgid) is ours.
    static boolean inForeground() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return f[5].equals(f[2]) && !f[5].equals("-1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
