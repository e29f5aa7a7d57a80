package io.dtm.coordinator.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * State of the test business service: one-shot results per (gid, route) and a record of
 * every call, as dtm's busi helper (docs/protocol.md#test-participant). Keyed by gid so
 * that tests never consume each other's switches.
 */
public class Busi {

    public record Call(String route, String method, Map<String, String> query, Map<String, String> headers,
            String body) {

        public String gid() {
            return query.get("gid");
        }

        public String op() {
            return query.get("op");
        }
    }

    private final Map<String, Deque<String>> results = new ConcurrentHashMap<>();

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /**
     * The next call of {@code route} for {@code gid} answers {@code result}: SUCCESS,
     * FAILURE, ONGOING or ERROR.
     */
    public void setOnce(String gid, String route, String... resultsInOrder) {
        Deque<String> queue = results.computeIfAbsent(gid + "/" + route, k -> new ArrayDeque<>());
        synchronized (queue) {
            for (String result : resultsInOrder) {
                queue.add(result);
            }
        }
    }

    String nextResult(String gid, String route) {
        Deque<String> queue = results.get(gid + "/" + route);
        if (queue == null) {
            return "SUCCESS";
        }
        synchronized (queue) {
            String next = queue.poll();
            return next == null ? "SUCCESS" : next;
        }
    }

    void record(Call call) {
        calls.add(call);
    }

    public List<Call> calls(String gid) {
        return calls.stream().filter(c -> gid.equals(c.gid()) || gid.equals(bodyGid(c))).toList();
    }

    public List<String> routes(String gid) {
        return calls(gid).stream().map(Call::route).toList();
    }

    public List<Call> callsTo(String route) {
        return calls.stream().filter(c -> c.route().equals(route)).toList();
    }

    private static String bodyGid(Call c) {
        return c.body() != null && c.body().contains("\"gid\"") ? extractGid(c.body()) : null;
    }

    private static String extractGid(String body) {
        int i = body.indexOf("\"gid\"");
        int start = body.indexOf('"', body.indexOf(':', i) + 1);
        int end = body.indexOf('"', start + 1);
        return start < 0 || end < 0 ? null : body.substring(start + 1, end);
    }

}
