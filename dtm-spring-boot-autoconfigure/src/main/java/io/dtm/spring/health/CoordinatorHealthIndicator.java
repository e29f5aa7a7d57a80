package io.dtm.spring.health;

import java.util.function.Supplier;

import io.dtm.spring.client.DtmHttp;
import io.dtm.spring.client.DtmHttpResult;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the coordinator answers its ping ({@code GET /api/ping}, next to the configured
 * {@code /api/dtmsvr}). Not a member of the liveness or readiness group: an unreachable
 * coordinator shows here, but does not restart the application or take it out of its load
 * balancer.
 */
public class CoordinatorHealthIndicator extends AbstractHealthIndicator {

    private static final String API_SUFFIX = "/api/dtmsvr";

    private final DtmHttp http;

    private final Supplier<String> server;

    public CoordinatorHealthIndicator(DtmHttp http, Supplier<String> server) {
        super("dtm coordinator health check failed");
        this.http = http;
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String url = pingUrl(this.server.get());
        DtmHttpResult reply = this.http.get(url, null);
        (reply.status() == 200 ? builder.up() : builder.down()).withDetail("url", url)
            .withDetail("status", reply.status());
    }

    static String pingUrl(String server) {
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        if (base.endsWith(API_SUFFIX)) {
            base = base.substring(0, base.length() - API_SUFFIX.length());
        }
        return base + "/api/ping";
    }

}
