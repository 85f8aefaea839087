package dev.pseudofs.configfs;

import dev.pseudofs.core.FsException;
import dev.pseudofs.core.StoreBuffer;

/** Parses numbers the way the kernel's kstrtoint does, for attribute stores. */
public final class Kstrto {
    private Kstrto() {}

    /**
     * Parses a base-10 int with an optional sign and one optional trailing newline (kstrtoint).
     *
     * @throws FsException EINVAL for anything else, ERANGE when it does not fit in an int
     */
    public static int parseInt(StoreBuffer in) {
        String s = in.text();
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1); // _kstrtoull accepts exactly one newline
        }
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (i == s.length()) {
            throw FsException.invalid("not a number: " + s);
        }
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                throw FsException.invalid("not a number: " + s);
            }
        }
        String digits = s.startsWith("+") ? s.substring(1) : s;
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw FsException.outOfRange("does not fit in an int: " + s);
        }
    }
}
