package dev.pseudofs.tool;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Adjusts logging from the command line (the tool owns the logging configuration). */
final class Logging {
    private Logging() {}

    /** Turns on DEBUG for pseudofs, which traces every FUSE call. */
    static void verbose() {
        ((Logger) LoggerFactory.getLogger("dev.pseudofs")).setLevel(Level.DEBUG);
    }

    /** Keeps INFO lines out of a command's output (pseudofs run): WARN unless PSEUDOFS_LOG says. */
    static void quiet() {
        if (System.getenv("PSEUDOFS_LOG") == null) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        }
    }
}
