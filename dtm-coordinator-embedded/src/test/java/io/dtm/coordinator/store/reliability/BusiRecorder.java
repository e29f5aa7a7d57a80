package io.dtm.coordinator.store.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A business service on a random port of 127.0.0.1 that records every call and answers by
 * a function of it.
 */
public final class BusiRecorder implements AutoCloseable {

    /**
     * One call: gid, branch_id and op from dtm's query parameters, and the reply given.
     */
    public record Call(String gid, String branchId, String op, Reply reply) {
    }

    public record Reply(int status, String body) {

        public static final Reply SUCCESS = new Reply(200, "{\"dtm_result\":\"SUCCESS\"}");

        public static final Reply FAILURE = new Reply(409, "{\"dtm_result\":\"FAILURE\"}");

        public static final Reply ONGOING = new Reply(425, "{\"dtm_result\":\"ONGOING\"}");

        public static final Reply ERROR = new Reply(500, "{\"message\":\"busi error\"}");

    }

    private final HttpServer server;

    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public BusiRecorder(Function<Map<String, String>, Reply> behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/busi/", exchange -> {
            URI uri = exchange.getRequestURI();
            Map<String, String> query = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            exchange.getRequestBody().readAllBytes();
            Reply reply;
            try {
                reply = behaviour.apply(query);
            }
            catch (RuntimeException ex) {
                reply = new Reply(500, "{\"message\":\"" + ex + "\"}");
            }
            calls.add(new Call(query.get("gid"), query.get("branch_id"), query.get("op"), reply));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String url(String route) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/busi/" + route;
    }

    public List<Call> calls(String gid) {
        return calls.stream().filter(c -> gid.equals(c.gid())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

}
