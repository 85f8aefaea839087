import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** bench/run-jvm-floor.sh: the least a picocli launcher does: parse `mount --root R --only sys --demo`, then exit. */
@Command(name = "mount", mixinStandardHelpOptions = true)
public class PicocliFloor implements Callable<Integer> {
    @Option(names = "--root", required = true) Path root;
    @Option(names = "--only", split = ",") List<String> only;
    @Option(names = "--demo") boolean demo;
    @Option(names = "--background") boolean background;
    @Option(names = "-o") List<String> o;
    public Integer call() { return root == null ? 1 : 0; }
    public static void main(String[] a) { System.exit(new CommandLine(new PicocliFloor()).execute(a)); }
}
