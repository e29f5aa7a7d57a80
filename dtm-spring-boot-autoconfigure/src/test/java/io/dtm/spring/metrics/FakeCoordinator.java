package io.dtm.spring.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** Answers every request with dtm's SUCCESS and remembers the paths it was asked for. */
public final class FakeCoordinator implements AutoCloseable {

    private final HttpServer server;

    private final List<String> paths = new CopyOnWriteArrayList<>();

    public FakeCoordinator() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/", (exchange) -> {
            this.paths.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            byte[] reply = "{\"dtm_result\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        this.server.start();
    }

    public String server() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/dtmsvr";
    }

    public List<String> paths() {
        return this.paths;
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

}
