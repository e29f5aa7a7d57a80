package io.dtm.coordinator.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.dtm.coordinator.model.TransJson;

/** Talks to the coordinator over real HTTP, as dtm's SDKs do. */
public class DtmApi {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;

    public DtmApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpReply post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public HttpReply post(String path, Object body, Map<String, String> headers) {
        String json = body instanceof String s ? s : TransJson.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    public HttpReply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpReply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public String newGid() {
        return (String) get("/api/dtmsvr/newGid").json().get("gid");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> transaction(String gid) {
        return (Map<String, Object>) get("/api/dtmsvr/query?gid=" + gid).json().get("transaction");
    }

    public String status(String gid) {
        Map<String, Object> t = transaction(gid);
        return t == null ? null : (String) t.get("status");
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> branches(String gid) {
        return (List<Map<String, Object>>) get("/api/dtmsvr/query?gid=" + gid).json().get("branches");
    }

    /** Branch statuses in storage order, as dtm's tests compare them. */
    public List<String> branchStatuses(String gid) {
        return branches(gid).stream().map(b -> (String) b.get("status")).toList();
    }

    private HttpReply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpReply(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
