package dev.pseudofs.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's text to a file or to stdout. */
final class Output {
    private Output() {}

    /** Writes {@code text} to {@code file}, or stdout when it is null; returns 0. */
    static int write(Path file, String text) throws IOException {
        if (file == null) {
            System.out.write(text.getBytes(StandardCharsets.UTF_8));
            System.out.flush();
        } else {
            Files.writeString(file, text);
        }
        return 0;
    }
}
