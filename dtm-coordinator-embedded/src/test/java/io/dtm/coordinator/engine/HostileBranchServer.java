package io.dtm.coordinator.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A branch server on 127.0.0.1 that misbehaves on purpose, to test the bounds of branch
 * calls. It answers on raw sockets, so it writes exactly the bytes its {@link Behaviour}
 * says, a lying {@code Content-Length} included; each connection carries one request and
 * is closed after the answer.
 */
final class HostileBranchServer implements AutoCloseable {

    /** How one request is answered. */
    @FunctionalInterface
    interface Behaviour {

        void answer(Request request, Socket socket, OutputStream out) throws IOException, InterruptedException;

    }

    /** A request as received: method, target (path and query) and body. */
    record Request(String method, String target, byte[] body) {

        String path() {
            int q = target.indexOf('?');
            return (q < 0) ? target : target.substring(0, q);
        }

    }

    private final ServerSocket server;

    private final Map<String, Behaviour> routes;

    private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "hostile-branch-server");
        thread.setDaemon(true);
        return thread;
    });

    private final List<Request> received = new CopyOnWriteArrayList<>();

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private final AtomicLong bytesWritten = new AtomicLong();

    private HostileBranchServer(Map<String, Behaviour> routes) throws IOException {
        this.routes = Map.copyOf(routes);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.threads.execute(this::accept);
    }

    /** A server answering every path with {@code behaviour}. */
    static HostileBranchServer start(Behaviour behaviour) throws IOException {
        return new HostileBranchServer(Map.of("", behaviour));
    }

    /**
     * A server answering each path with its behaviour; a path not listed gets 404.
     */
    static HostileBranchServer start(Map<String, Behaviour> routes) throws IOException {
        return new HostileBranchServer(routes);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Every request received, in order. */
    List<Request> received() {
        return List.copyOf(received);
    }

    /** How many requests were received for {@code path}. */
    long calls(String path) {
        return received.stream().filter((r) -> r.path().equals(path)).count();
    }

    /** How many connections are being served. */
    int openConnections() {
        return open.size();
    }

    /** How many reply bytes (head and body) were written to the client. */
    long bytesWritten() {
        return bytesWritten.get();
    }

    // -------------------------------------------------------------------------------------------
    // behaviours

    /** A complete reply with this status and body. */
    static Behaviour status(int status, String body) {
        return (request, socket, out) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(head(status, "Content-Length: " + bytes.length));
            out.write(bytes);
        };
    }

    /**
     * 200 with a body of {@code Content-Length: 100000} sent one byte each {@code every}:
     * each read of the client gets a byte well within a read timeout.
     */
    static Behaviour trickle(Duration every) {
        return (request, socket, out) -> {
            out.write(head(200, "Content-Length: 100000"));
            out.flush();
            for (int i = 0; i < 100_000; i++) {
                out.write('S');
                out.flush();
                Thread.sleep(every.toMillis());
            }
        };
    }

    /**
     * 200 claiming a body of {@code claimed} bytes, then {@code body} and nothing more,
     * the connection held open until the client closes it.
     */
    static Behaviour lyingContentLength(long claimed, String body) {
        return (request, socket, out) -> {
            out.write(head(200, "Content-Length: " + claimed));
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            holdUntilClientCloses(socket);
        };
    }

    /** 200 with a body of {@code size} bytes, sent as fast as the client takes them. */
    static Behaviour huge(long size) {
        return (request, socket, out) -> {
            out.write(head(200, "Content-Length: " + size));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'S');
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
            }
        };
    }

    /** 302 to {@code location}. */
    static Behaviour redirect(String location) {
        return (request, socket, out) -> out.write(head(302, "Location: " + location, "Content-Length: 0"));
    }

    /** Waits for {@code release}, then answers as {@code then}. */
    static Behaviour heldUntil(CountDownLatch release, Behaviour then) {
        return (request, socket, out) -> {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IOException("never released");
            }
            then.answer(request, socket, out);
        };
    }

    private static byte[] head(int status, String... headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void holdUntilClientCloses(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        while (in.read() != -1) {
            // the client sends nothing more; this ends when it closes
        }
    }

    // -------------------------------------------------------------------------------------------
    // serving

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            }
            catch (IOException ex) {
                // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String[] line = readLine(in).split(" ");
            long length = 0;
            for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            Request request = new Request(line[0], line[1], in.readNBytes((int) length));
            received.add(request);
            Behaviour behaviour = routes.getOrDefault(request.path(), routes.get(""));
            OutputStream out = new CountingStream(socket.getOutputStream());
            if (behaviour == null) {
                out.write(head(404, "Content-Length: 0"));
            }
            else {
                behaviour.answer(request, socket, out);
            }
            out.flush();
        }
        catch (IOException | RuntimeException ex) {
            // the client went away
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            open.remove(socket);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-request");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }

    private final class CountingStream extends OutputStream {

        private final OutputStream out;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytesWritten.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytesWritten.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

    }

}
