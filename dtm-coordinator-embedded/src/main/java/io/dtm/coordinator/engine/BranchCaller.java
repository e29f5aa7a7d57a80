package io.dtm.coordinator.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.model.TransGlobal;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.model.TransType;

/**
 * Calls branches the way dtm does (protocol §3): POST when there is a body or for xa, else GET; the query string
 * gid, trans_type, branch_id, op; {@code Content-type: application/json} and the transaction's branch headers;
 * and reads the reply with dtm's rules, body-substring checks included. Connections are pooled and reused.
 */
public class BranchCaller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BranchCaller.class);

    private final CloseableHttpClient http;
    private final Duration defaultRequestTimeout;

    public BranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout) {
        this.http = http;
        this.defaultRequestTimeout = defaultRequestTimeout;
    }

    /** A pooled client sized for many concurrent branch calls; per-call timeouts are set on each request. */
    public static CloseableHttpClient defaultHttpClient(int maxConnections) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(3)).build())
                        .build())
                .disableCookieManagement().disableAuthCaching().disableRedirectHandling()
                .disableAutomaticRetries().build();
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
        log.info("branch call gid={} trans_type={} branch_id={} op={} url={} result={} {}", g.getGid(),
                g.getTransType(), branchId, op, url, result.result(), result.message());
        return result;
    }

    private BranchCallResult callHttp(TransGlobal g, String url, byte[] body, String branchId, String op)
            throws IOException {
        String query = "gid=" + enc(g.getGid()) + "&trans_type=" + enc(g.getTransType()) + "&branch_id="
                + enc(branchId) + "&op=" + enc(op);
        URI uri = URI.create(url + (url.contains("?") ? "&" : "?") + query);
        boolean post = body != null && body.length > 0 || TransType.XA.equals(g.getTransType());
        HttpUriRequestBase request;
        if (post) {
            HttpPost httpPost = new HttpPost(uri);
            httpPost.setEntity(new ByteArrayEntity(body == null ? new byte[0] : body, ContentType.APPLICATION_JSON));
            request = httpPost;
        }
        else {
            request = new HttpGet(uri);
        }
        return send(g, request);
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
            throws IOException {
        String rawQuery = URI.create(url).getRawQuery();
        String method = rawQuery == null ? "" : queryParam(rawQuery, "method");
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
        HttpPost request = new HttpPost(URI.create(url));
        request.setEntity(new StringEntity(TransJson.write(envelope), ContentType.APPLICATION_JSON));
        BranchCallResult httpResult = send(g, request);
        if (httpResult.result() != DtmResult.SUCCESS) {
            return httpResult;
        }
        Object error = TransJson.readObject(httpResult.message()).get("error");
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

    private BranchCallResult send(TransGlobal g, HttpUriRequestBase request) throws IOException {
        Timeout timeout = Timeout.of(requestTimeout(g));
        request.setConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout)
                .build());
        request.setHeader("Content-Type", "application/json");
        g.getOptions().getBranchHeaders().forEach(request::setHeader);
        return http.execute(request, response -> readReply(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    }

    private Duration requestTimeout(TransGlobal g) {
        long seconds = Math.min(g.getOptions().getRequestTimeout(), EngineSettings.MAX_REQUEST_TIMEOUT.toSeconds());
        return seconds > 0 ? Duration.ofSeconds(seconds) : defaultRequestTimeout;
    }

    private static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
