package io.dtm.coordinator.engine.call;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.TransGlobal;

/**
 * Tells an operator's webhook that a transaction keeps failing: after a backoff, once the
 * retry count floor(log2(interval / base)) reaches the limit, POSTs
 * {@code {"gid","status","branch","error","retry_count"}}, signed as branch calls are
 * when the coordinator has a signing key.
 */
public class AlertWebhook {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);

    private final HttpClient http;

    private final String url;

    private final int retryLimit;

    private final CallbackSigner signer;

    public AlertWebhook(HttpClient http, String url, int retryLimit, CallbackSigner signer) {
        this.http = http;
        this.url = url == null ? "" : url;
        this.retryLimit = retryLimit;
        this.signer = signer;
    }

    /**
     * @param backoffRounds how many times in a row the retry interval has been doubled:
     * dtm's retry count, which dtm reads from the interval itself (that interval stops
     * growing at dtm.coordinator.max-retry-interval here)
     */
    public void maybeAlert(TransGlobal g, long backoffRounds, String branchUrl, String error) {
        if (url.isEmpty() || backoffRounds < retryLimit) {
            return;
        }
        send(g, branchUrl, error, (int) Math.min(Integer.MAX_VALUE, backoffRounds));
    }

    /**
     * Alerts about a transaction the coordinator itself failed to process {@code passes}
     * times in a row.
     */
    public void alertInternalError(TransGlobal g, String error, long passes) {
        if (url.isEmpty()) {
            return;
        }
        send(g, "", error, (int) Math.min(Integer.MAX_VALUE, passes));
    }

    private void send(TransGlobal g, String branchUrl, String error, int retryCount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", g.getGid());
        body.put("status", g.getStatus());
        body.put("branch", branchUrl);
        body.put("error", error);
        body.put("retry_count", retryCount);
        URI uri = URI.create(url);
        byte[] json = TransJson.write(body).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(3))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        String signature = signer.sign("POST", uri, json);
        if (signature != null) {
            request.header(CallbackSigner.HEADER, signature);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
            if (ex != null || response.statusCode() != 200) {
                log.warn("alert webhook {} for gid={} failed: {}", LogSafe.escape(url), LogSafe.prefix(g.getGid(), 128),
                        ex != null ? LogSafe.reply(ex.toString()) : "http status " + response.statusCode());
            }
        });
        log.warn("alert gid={} retry_count={} branch={} error={}", LogSafe.prefix(g.getGid(), 128), retryCount,
                LogSafe.prefix(branchUrl, 512), LogSafe.reply(error));
    }

}
