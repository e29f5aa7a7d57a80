package io.dtm.coordinator.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.model.TransGlobal;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.model.TransType;

/**
 * Calls branches the way dtm does (protocol §3): POST when there is a body or for xa, else GET; the query string
 * gid, trans_type, branch_id, op; {@code Content-type: application/json} and the transaction's branch headers;
 * and reads the reply with dtm's rules, body-substring checks included.
 */
public class BranchCaller {

    private static final Logger log = LoggerFactory.getLogger(BranchCaller.class);

    private final HttpClient http;
    private final Duration defaultRequestTimeout;

    public BranchCaller(HttpClient http, Duration defaultRequestTimeout) {
        this.http = http;
        this.defaultRequestTimeout = defaultRequestTimeout;
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    public BranchCallResult call(TransGlobal g, String url, byte[] body, String branchId, String op) {
        if (url == null || url.isEmpty()) {
            return BranchCallResult.EMPTY_URL_SUCCESS;
        }
        BranchCallResult result;
        try {
            if (TransType.PROTOCOL_JSON_RPC.equals(g.getProtocol()) && url.contains("method")) {
                result = callJsonRpc(g, url, body, branchId, op);
            }
            else {
                result = callHttp(g, url, body, branchId, op);
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            result = new BranchCallResult(DtmResult.ERROR, "call " + url + " failed: " + ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            result = new BranchCallResult(DtmResult.ERROR, "call " + url + " interrupted");
        }
        log.info("branch call gid={} trans_type={} branch_id={} op={} url={} result={} {}", g.getGid(),
                g.getTransType(), branchId, op, url, result.result(), result.message());
        return result;
    }

    private BranchCallResult callHttp(TransGlobal g, String url, byte[] body, String branchId, String op)
            throws IOException, InterruptedException {
        String query = "gid=" + enc(g.getGid()) + "&trans_type=" + enc(g.getTransType()) + "&branch_id="
                + enc(branchId) + "&op=" + enc(op);
        URI uri = URI.create(url + (url.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout(g))
                .header("Content-Type", "application/json");
        g.getOptions().getBranchHeaders().forEach(request::header);
        boolean post = body != null && body.length > 0 || TransType.XA.equals(g.getTransType());
        if (post) {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body));
        }
        else {
            request.GET();
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return readReply(response.statusCode(), response.body());
    }

    /** dtm's HTTPResp2DtmError, in its order: ONGOING, then FAILURE, then only exactly 200 is success. */
    static BranchCallResult readReply(int status, String body) {
        String text = body == null ? "" : body;
        if (status == 425 || text.contains("ONGOING")) {
            return new BranchCallResult(DtmResult.ONGOING, text);
        }
        if (status == 409 || text.contains("FAILURE")) {
            return new BranchCallResult(DtmResult.FAILURE, text);
        }
        if (status != 200) {
            return new BranchCallResult(DtmResult.ERROR, "http status " + status + ", body: " + text);
        }
        return new BranchCallResult(DtmResult.SUCCESS, text);
    }

    private BranchCallResult callJsonRpc(TransGlobal g, String url, byte[] body, String branchId, String op)
            throws IOException, InterruptedException {
        String method = URI.create(url).getQuery() == null ? "" : queryParam(URI.create(url).getQuery(), "method");
        Map<String, Object> params = new LinkedHashMap<>();
        if (body != null && body.length > 0) {
            params.putAll(TransJson.readObject(new String(body, StandardCharsets.UTF_8)));
        }
        params.put("gid", g.getGid());
        params.put("trans_type", g.getTransType());
        params.put("branch_id", branchId);
        params.put("op", op);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("jsonrpc", "2.0");
        envelope.put("method", method);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("params", params);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout(g))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TransJson.write(envelope)));
        g.getOptions().getBranchHeaders().forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        BranchCallResult httpResult = readReply(response.statusCode(), response.body());
        if (httpResult.result() != DtmResult.SUCCESS) {
            return httpResult;
        }
        Object error = TransJson.readObject(response.body()).get("error");
        if (error instanceof Map<?, ?> err && err.get("code") instanceof Number code) {
            DtmResult result = switch (code.intValue()) {
                case -32901 -> DtmResult.FAILURE;
                case -32902 -> DtmResult.ONGOING;
                default -> DtmResult.ERROR;
            };
            return new BranchCallResult(result, String.valueOf(err.get("message")));
        }
        return httpResult;
    }

    private Duration requestTimeout(TransGlobal g) {
        long seconds = g.getOptions().getRequestTimeout();
        return seconds > 0 ? Duration.ofSeconds(seconds) : defaultRequestTimeout;
    }

    private static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
