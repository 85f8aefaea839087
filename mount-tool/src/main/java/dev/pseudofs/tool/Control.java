package dev.pseudofs.tool;

import dev.pseudofs.core.FsException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the control channel of a running server: a Unix socket next to its pid file that takes
 * one request per connection (a list of strings, e.g. insmod JAR param=value) and answers a
 * status (0, or the errno of the refusal) and a text.
 */
final class Control implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Control.class);

    /** A handled request's answer. */
    record Reply(int status, String text) {}

    private final Path socket;
    private final ServerSocketChannel channel;

    private Control(Path socket, ServerSocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /** Returns the socket path of the server of {@code root}. */
    static Path socketOf(Path root) {
        Path pid = PidFile.of(root);
        return pid.resolveSibling(pid.getFileName().toString().replace(".pid", ".sock"));
    }

    /** Starts answering requests for {@code root} with {@code handler} on a daemon thread. */
    static Control serve(Path root, Function<List<String>, Reply> handler) throws IOException {
        Path socket = socketOf(root);
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        Control c = new Control(socket, ch);
        Thread t = new Thread(() -> c.acceptLoop(handler), "pseudofs-control");
        t.setDaemon(true);
        t.start();
        return c;
    }

    private void acceptLoop(Function<List<String>, Reply> handler) {
        while (channel.isOpen()) {
            try (SocketChannel client = channel.accept()) {
                DataInputStream in = new DataInputStream(Channels.newInputStream(client));
                List<String> request = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    request.add(readText(in));
                }
                Reply reply;
                try {
                    reply = handler.apply(request);
                } catch (FsException e) {
                    reply = new Reply(e.errno().number(), e.getMessage());
                } catch (RuntimeException e) {
                    log.warn("control request {} failed: {}", request, e.toString());
                    reply = new Reply(5, e.toString());
                }
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
                out.writeInt(reply.status());
                writeText(out, reply.text());
                out.flush();
            } catch (IOException e) {
                if (channel.isOpen()) {
                    log.debug("control connection failed: {}", e.toString());
                }
            }
        }
    }

    /** Sends {@code request} to the server of {@code root} and returns its reply. */
    static Reply call(Path root, List<String> request) throws IOException {
        Path socket = socketOf(root);
        if (!Files.exists(socket)) {
            throw new IOException("no pseudofs server is running under " + root
                    + " (no " + socket + ")");
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            out.writeInt(request.size());
            for (String s : request) {
                writeText(out, s);
            }
            out.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            int status = in.readInt();
            return new Reply(status, readText(in));
        }
    }

    // Length-prefixed UTF-8: dumps and values can be longer than writeUTF's 64 KiB.
    private static void writeText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readText(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("bad control message length " + n);
        }
        return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code request} as a command-line tool does: a refusal or an unreachable server is
     * reported as one line on stderr and answered with a non-zero status.
     */
    static Reply request(Path root, List<String> request) {
        try {
            Reply r = call(root, request);
            if (r.status() != 0) {
                System.err.println("pseudofs: " + request.get(0) + ": " + r.text());
            }
            return r;
        } catch (IOException e) {
            System.err.println("pseudofs: " + e.getMessage());
            return new Reply(1, "");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.debug("closing the control socket: {}", e.toString());
        }
    }
}
