package dev.pseudofs.tool;

import dev.pseudofs.core.FsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Is one module to load: a jar and its {@code param=value} arguments, as insmod takes them.
 *
 * @param jar the module jar
 * @param arguments the parameter values, in the order given
 */
record ModuleArgs(Path jar, Map<String, String> arguments) {
    /** Parses {@code param=value} words; EINVAL for a word without '='. */
    static Map<String, String> parameters(List<String> words) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw FsException.invalid("not a param=value word: " + w);
            }
            args.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return args;
    }

    /** Splits {@code --module} words into modules: each jar takes the param=value words after it. */
    static List<ModuleArgs> split(List<String> words) {
        List<ModuleArgs> out = new ArrayList<>();
        Path jar = null;
        List<String> params = new ArrayList<>();
        for (String w : words) {
            if (w.indexOf('=') > 0 && jar != null) {
                params.add(w);
                continue;
            }
            if (jar != null) {
                out.add(new ModuleArgs(jar, parameters(params)));
            }
            jar = Path.of(w);
            params = new ArrayList<>();
        }
        if (jar != null) {
            out.add(new ModuleArgs(jar, parameters(params)));
        }
        return out;
    }
}
