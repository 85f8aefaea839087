package dev.pseudofs.tool;

import dev.pseudofs.fixtures.Fixture;
import dev.pseudofs.fixtures.FixtureException;
import dev.pseudofs.fixtures.Fixtures;
import java.util.Base64;
import java.util.List;

/** Answers the fixture requests of the control socket: load, set, get and dump. */
final class FixtureRequests {
    private FixtureRequests() {}

    /** Handles {@code request} (its first word is the verb); a refused one answers EINVAL or the errno. */
    static Control.Reply handle(Fixtures fixtures, List<String> request) {
        try {
            switch (request.get(0)) {
                case "load" -> { // load NAME BASE64: the client read the file (FixtureCommands.Load)
                    if (request.size() != 3) {
                        return new Control.Reply(22, "load takes a file name and its contents");
                    }
                    Fixture f = Fixtures.parse(request.get(1), Base64.getDecoder().decode(request.get(2)));
                    fixtures.load(f);
                    return new Control.Reply(0, "");
                }
                case "load-tree" -> { // load-tree DIR: a fixture tree, read by the server
                    fixtures.load(Fixtures.read(java.nio.file.Path.of(request.get(1))));
                    return new Control.Reply(0, "");
                }
                case "set" -> {
                    fixtures.set(request.get(1), request.get(2));
                    return new Control.Reply(0, "");
                }
                case "get" -> {
                    return new Control.Reply(0, Base64.getEncoder().encodeToString(fixtures.get(request.get(1))));
                }
                case "dump" -> {
                    return new Control.Reply(0, fixtures.dump(request.size() > 1 ? request.get(1) : ""));
                }
                case "dump-tree" -> {
                    fixtures.dumpTree(request.get(1), java.nio.file.Path.of(request.get(2)));
                    return new Control.Reply(0, "");
                }
                default -> {
                    return new Control.Reply(22, "unknown request " + request.get(0));
                }
            }
        } catch (dev.pseudofs.core.FsException e) {
            return new Control.Reply(e.errno().number(), request.size() > 1 && request.get(0).matches("set|get|dump|dump-tree")
                    ? request.get(1) + ": " + e.errno().message() + " (" + e.getMessage() + ")" : e.getMessage());
        } catch (FixtureException | IllegalArgumentException e) {
            return new Control.Reply(22, e.getMessage());
        } catch (java.io.IOException e) {
            return new Control.Reply(5, e.getMessage());
        }
    }
}
