package io.dtm.coordinator.recovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/** A business service outside the coordinator's process context, answering by a function of each call. */
final class TestBusiServer implements AutoCloseable {

    record Call(String route, Map<String, String> query) {

        String gid() {
            return query.get("gid");
        }
    }

    /** The reply of a call: an HTTP status and body. */
    record Reply(int status, String body) {

        static final Reply SUCCESS = new Reply(200, "{\"dtm_result\":\"SUCCESS\"}");
        static final Reply FAILURE = new Reply(409, "{\"dtm_result\":\"FAILURE\"}");
        static final Reply ONGOING = new Reply(425, "{\"dtm_result\":\"ONGOING\"}");
        static final Reply ERROR = new Reply(500, "{\"message\":\"busi error\"}");
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    TestBusiServer(Function<Call, Reply> behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/api/busi/", exchange -> {
            URI uri = exchange.getRequestURI();
            String route = uri.getPath().substring("/api/busi/".length());
            Map<String, String> query = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                            StandardCharsets.UTF_8));
                }
            }
            exchange.getRequestBody().readAllBytes();
            Call call = new Call(route, query);
            calls.add(call);
            Reply reply;
            try {
                reply = behaviour.apply(call);
            }
            catch (RuntimeException ex) {
                reply = new Reply(500, "{\"message\":\"" + ex.getMessage() + "\"}");
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/busi";
    }

    List<Call> calls() {
        return calls;
    }

    List<Call> calls(String gid) {
        return calls.stream().filter(c -> gid.equals(c.gid())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
