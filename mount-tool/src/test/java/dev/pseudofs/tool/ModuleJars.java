package dev.pseudofs.tool;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Makes module jars of test classes for insmod and --module, with the JDK's jar tool. */
final class ModuleJars {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private ModuleJars() {}

    /** Writes {@code dir/name}: the class of {@code module} plus its META-INF/services entry. */
    static Path make(Path dir, String name, Class<?> module) throws IOException {
        Path services = dir.resolve(name + ".d/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(PseudofsModule.class.getName()), module.getName() + "\n");
        String classFile = module.getName().replace('.', '/') + ".class";
        String jarTool = Path.of(System.getProperty("java.home"), "bin", "jar").toString();
        Shell.run(REPO, List.of(jarTool, "cf", dir.resolve(name).toString(),
                "-C", dir.resolve(name + ".d").toString(), "META-INF",
                "-C", REPO.resolve("mount-tool/target/test-classes").toString(), classFile)).ok();
        return dir.resolve(name);
    }
}
