package dev.pseudofs.tool;

import dev.pseudofs.core.FsException;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the control channel of a running server: a Unix socket next to its pid file that takes
 * one request per connection (a list of strings, e.g. insmod JAR param=value) and answers a
 * status (0, or the errno of the refusal) and a text.
 *
 * <p>It admits only root and the server's own uid: the socket is 0600 in a 0700 directory,
 * and every connection's peer is checked with SO_PEERCRED, so a socket made reachable by
 * mistake still refuses everyone else. Nothing a handler throws (an OutOfMemoryError
 * included) stops the channel: the request is answered with one line and the next is served.
 *
 * <p>Each connection is read on a thread of its own, and a request not sent whole within
 * {@link #READ_DEADLINE_SECONDS} is dropped, so a peer that connects and sends nothing (or
 * half a request) holds up nobody; at most {@link #MAX_READING} connections are read at once.
 * Requests are then handled one at a time, in the order they were read.
 */
final class Control implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Control.class);
    private static final int MAX_WORDS = 4096;
    private static final int MAX_TEXT = 64 << 20;
    static final int MAX_READING = 64;
    static final long READ_DEADLINE_SECONDS = 30;

    /** A handled request's answer. */
    record Reply(int status, String text) {}

    private final Path root;
    private final Path socket;
    private final ServerSocketChannel channel;
    private final long uid = PidFile.uid();
    private final List<UserPrincipal> admitted;

    private final Function<List<String>, Reply> handler;
    private final Object handling = new Object(); // handlers (insmod, load, set) run one at a time
    private final Semaphore reading = new Semaphore(MAX_READING);
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pseudofs-control-deadline");
        t.setDaemon(true);
        return t;
    });

    private Control(Path root, Path socket, ServerSocketChannel channel, Function<List<String>, Reply> handler)
            throws IOException {
        this.handler = handler;
        this.root = root.toAbsolutePath().normalize();
        this.socket = socket;
        this.channel = channel;
        // UserPrincipals of the default file system compare by uid; a numeric name is a uid.
        UserPrincipalLookupService users = socket.getFileSystem().getUserPrincipalLookupService();
        this.admitted = List.of(users.lookupPrincipalByName("0"), users.lookupPrincipalByName(Long.toString(uid)));
    }

    /** Returns the socket path of the server of {@code root}. */
    static Path socketOf(Path root) {
        return PidFile.sibling(root, ".sock");
    }

    /** Returns the one line a peer that is neither root nor {@code uid} gets. */
    static String refusal(Path root, long uid) {
        return "permission denied: the server of " + root.toAbsolutePath().normalize()
                + " admits only root" + (uid == 0 ? "" : " and uid " + uid);
    }

    /** Starts answering requests for {@code root} with {@code handler} on a daemon thread. */
    static Control serve(Path root, Function<List<String>, Reply> handler) throws IOException {
        PidFile.dir();
        Path socket = socketOf(root);
        if (answers(socket)) {
            throw new PidFile.Busy(root, PidFile.holder(root));
        }
        Files.deleteIfExists(socket); // a dead server's
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        Control c;
        try {
            PidFile.restrict(socket); // nobody else can reach it meanwhile: the directory is 0700
            c = new Control(root, socket, ch, handler);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        Thread t = new Thread(c::acceptLoop, "pseudofs-control");
        t.setDaemon(true);
        t.start();
        return c;
    }

    private static boolean answers(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            SocketChannel client = null;
            try {
                client = channel.accept();
                if (!reading.tryAcquire()) {
                    log.warn("refused a control connection: {} others are still sending theirs", MAX_READING);
                    client.close();
                    continue;
                }
                SocketChannel c = client;
                Thread t = new Thread(() -> serveConnection(c), "pseudofs-control-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (channel.isOpen()) {
                    log.debug("control connection failed: {}", e.toString());
                }
                closeQuietly(client);
            } catch (Throwable e) { // an OutOfMemoryError starting a thread: the next one is served
                log.warn("control connection failed: {}", e.toString());
                closeQuietly(client);
            }
        }
    }

    private void serveConnection(SocketChannel client) {
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client), READ_DEADLINE_SECONDS, TimeUnit.SECONDS);
        boolean released = false;
        try (client) {
            List<String> request = readRequest(client);
            deadline.cancel(false);
            reading.release();
            released = true;
            if (request != null) {
                Reply r;
                synchronized (handling) {
                    r = handle(request);
                }
                reply(new DataOutputStream(Channels.newOutputStream(client)), r);
            }
        } catch (IOException e) {
            log.debug("control connection failed: {}", e.toString());
        } catch (Throwable e) { // an OutOfMemoryError reading a request: the next one is served
            log.warn("control connection failed: {}", e.toString());
        } finally {
            deadline.cancel(false);
            if (!released) {
                reading.release();
            }
        }
    }

    private static void closeQuietly(SocketChannel client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                log.debug("closing a control connection: {}", e.toString());
            }
        }
    }

    /** Returns the request of an admitted peer, or null when the peer was refused (and told). */
    private List<String> readRequest(SocketChannel client) throws IOException {
        UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (!admitted.contains(peer.user())) {
            log.warn("refused a control request of user {}", peer.user().getName());
            reply(new DataOutputStream(Channels.newOutputStream(client)), new Reply(13, refusal(root, uid)));
            client.shutdownOutput();
            // Read what the peer sent (never more than a little): closing a Unix socket with
            // unread data would make the peer's read of the answer fail with ECONNRESET.
            Channels.newInputStream(client).readNBytes(1 << 16);
            return null;
        }
        DataInputStream in = new DataInputStream(Channels.newInputStream(client));
        List<String> request = new ArrayList<>();
        int n = in.readInt();
        if (n < 1 || n > MAX_WORDS) {
            throw new IOException("bad control request of " + n + " words");
        }
        for (; n > 0; n--) {
            request.add(readText(in));
        }
        return request;
    }

    private Reply handle(List<String> request) {
        String doing = doing(request); // made before the handler runs: it may exhaust the heap
        try {
            return handler.apply(request);
        } catch (FsException e) {
            return new Reply(e.errno().number(), e.getMessage());
        } catch (OutOfMemoryError e) {
            log.warn("out of memory while {}; the server keeps running", doing);
            return new Reply(12, "out of memory while " + doing + "; the server keeps running");
        } catch (Throwable e) { // a module's StackOverflowError, LinkageError ...: never the channel's end
            log.warn("control request {} failed", request.get(0), e);
            return new Reply(5, doing + " failed: " + Main.describe(e) + "; the server keeps running");
        }
    }

    // "loading F", "inserting module J", "handling lsmod"
    private static String doing(List<String> request) {
        String verb = request.get(0);
        String arg = request.size() > 1 ? request.get(1) : "";
        return switch (verb) {
            case "load" -> "loading " + arg;
            case "insmod" -> "loading module " + arg;
            case "set", "get", "dump" -> "handling " + verb + " " + arg;
            default -> "handling " + (verb.length() > 40 ? verb.substring(0, 40) + "..." : verb);
        };
    }

    private static void reply(DataOutputStream out, Reply reply) throws IOException {
        out.writeInt(reply.status());
        writeText(out, reply.text() == null ? "" : reply.text());
        out.flush();
    }

    /** Sends {@code request} to the server of {@code root} and returns its reply. */
    static Reply call(Path root, List<String> request) throws IOException {
        return call(root, request, null);
    }

    /**
     * Sends {@code request} to the server of {@code root}, followed (when not null) by
     * {@code payload} as one more word in base64, and returns the reply.
     *
     * @throws IOException with the one line to show: no server, a stale socket, refused
     */
    static Reply call(Path root, List<String> request, byte[] payload) throws IOException {
        Path socket = socketOf(root);
        Path r = root.toAbsolutePath().normalize();
        SocketChannel ch;
        try {
            if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(socket.getParent()) && !Files.isExecutable(socket.getParent())) {
                    throw new AccessDeniedException(socket.toString());
                }
                throw new IOException("no pseudofs server is running under " + r);
            }
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (AccessDeniedException e) {
            throw new IOException(refusal(root, PidFile.dirOwner()));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Permission denied")) {
                throw new IOException(refusal(root, PidFile.dirOwner()));
            }
            if (e.getMessage() != null && e.getMessage().contains("Connection refused")) {
                throw new IOException("no pseudofs server is running under " + r + " (its socket "
                        + socket + " is stale; pseudofs umount " + r + " removes it)");
            }
            throw e;
        }
        try (ch) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
            out.writeInt(request.size() + (payload == null ? 0 : 1));
            for (String s : request) {
                writeText(out, s);
            }
            if (payload != null) {
                out.writeInt((payload.length + 2) / 3 * 4);
                try (OutputStream b64 = Base64.getEncoder().wrap(new FilterOutputStream(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the encoder's close writes the padding; the socket stays open
                    }
                })) {
                    b64.write(payload);
                }
            }
            out.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            int status = in.readInt();
            return new Reply(status, readText(in));
        } catch (IOException e) { // EOF, EPIPE, ECONNRESET: it hung up on us
            throw new IOException("the server of " + r + " closed the connection without an answer"
                    + " (see its log " + PidFile.logOf(root) + ")");
        }
    }

    // Length-prefixed UTF-8: dumps and values can be longer than writeUTF's 64 KiB.
    private static void writeText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readText(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_TEXT) {
            throw new IOException("bad control message length " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code request} as a command-line tool does: a refusal or an unreachable server is
     * reported as one line on stderr and answered with a non-zero status.
     */
    static Reply request(Path root, List<String> request) {
        return request(root, request, null);
    }

    /** As {@link #request(Path, List)}, with a payload (see {@link #call(Path, List, byte[])}). */
    static Reply request(Path root, List<String> request, byte[] payload) {
        try {
            Reply r = call(root, request, payload);
            if (r.status() == 13 && r.text().startsWith("permission denied: the server of")) {
                System.err.println("pseudofs: " + r.text());
            } else if (r.status() != 0) {
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
            deadlines.shutdownNow();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.debug("closing the control socket: {}", e.toString());
        }
    }
}
