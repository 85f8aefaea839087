package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The names of a server's files in its run directory. */
class PidFileTest {
    @Test
    void everyRootsSocketCanBeBoundWhateverTheLengthOfItsPath() throws IOException {
        Path run = Files.createTempDirectory(Path.of("/tmp"), "pf-"); // short: names on both sides of the limit
        try {
            // root paths whose encoded names put the socket's path on both sides of the limit
            for (int n = 40; n <= 140; n++) {
                Path root = Path.of("/tmp/" + "r".repeat(n));
                Path sock = run.resolve(PidFile.baseName(run, root) + ".sock");
                try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.bind(UnixDomainSocketAddress.of(sock)); // throws "Unix domain path too long"
                } finally {
                    Files.deleteIfExists(sock);
                }
                assertTrue(sock.toString().length() <= 106, sock.toString());
            }
        } finally {
            Files.deleteIfExists(run);
        }
    }
}
