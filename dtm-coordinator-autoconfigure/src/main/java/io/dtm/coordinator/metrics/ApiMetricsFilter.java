package io.dtm.coordinator.metrics;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.dtm.coordinator.api.ApiCallInfo;

/**
 * Counts and times the requests of dtm's API ({@code /api/dtmsvr/*} and
 * {@code /api/json-rpc}), tagged by the route (a JSON-RPC call by its method), never by a
 * gid or a raw path: an unknown route is {@code unknown}.
 */
public class ApiMetricsFilter extends OncePerRequestFilter {

    static final String PROCESS = "dtm.server.process";
    static final String DURATION = "dtm.server.response.duration";

    private static final String HTTP_PREFIX = "/api/dtmsvr/";

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    /** The meters of each set of tags, looked up in the registry once. */
    private final Map<CallTags, Counter> counters = new ConcurrentHashMap<>();

    private final Map<CallTags, Timer> timers = new ConcurrentHashMap<>();

    public ApiMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A request whose body the request filter reads asynchronously ends when its async
     * cycle completes, after this filter returned.
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        boolean thrown = true;
        try {
            chain.doFilter(request, response);
            thrown = false;
        }
        finally {
            if (!thrown && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Completion(request, response, started));
            }
            else {
                record(request, thrown ? ApiCallInfo.ERROR : status(request, response.getStatus()),
                        System.nanoTime() - started);
            }
        }
    }

    private final class Completion implements AsyncListener {

        private final HttpServletRequest request;

        private final HttpServletResponse response;

        private final long started;

        Completion(HttpServletRequest request, HttpServletResponse response, long started) {
            this.request = request;
            this.response = response;
            this.started = started;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            record(request, status(request, response.getStatus()), System.nanoTime() - started);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }

    }

    private void record(HttpServletRequest request, String status, long nanos) {
        boolean jsonRpc = request.getRequestURI().startsWith(request.getContextPath() + "/api/json-rpc");
        String type = jsonRpc ? "jsonrpc" : "http";
        String api = jsonRpc ? jsonRpcMethod(request) : httpRoute(request);
        counters
            .computeIfAbsent(new CallTags(type, api, status),
                    tags -> Counter.builder(PROCESS)
                        .description("Requests to dtm's API")
                        .tag("type", tags.type())
                        .tag("api", tags.api())
                        .tag("status", tags.status())
                        .register(registry))
            .increment();
        timers
            .computeIfAbsent(new CallTags(type, api, null),
                    tags -> Timer.builder(DURATION)
                        .description("Time to answer a request to dtm's API")
                        .tag("type", tags.type())
                        .tag("api", tags.api())
                        .publishPercentileHistogram()
                        .serviceLevelObjectives(Histograms.CALL_SLOS)
                        .minimumExpectedValue(Histograms.CALL_MIN)
                        .maximumExpectedValue(Histograms.CALL_MAX)
                        .register(registry))
            .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The tags of a request's meters; no status for its timer. */
    private record CallTags(String type, String api, String status) {
    }

    private static String jsonRpcMethod(HttpServletRequest request) {
        return request.getAttribute(ApiCallInfo.METHOD) instanceof String method ? method : UNKNOWN;
    }

    /**
     * The route's pattern below /api/dtmsvr up to its first variable:
     * {@code topic/{topicName}} is {@code topic}.
     */
    private static String httpRoute(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)
                || !pattern.startsWith(HTTP_PREFIX)) {
            return UNKNOWN;
        }
        String route = pattern.substring(HTTP_PREFIX.length());
        int slash = route.indexOf('/');
        return slash < 0 ? route : route.substring(0, slash);
    }

    private static String status(HttpServletRequest request, int httpStatus) {
        if (request.getAttribute(ApiCallInfo.OUTCOME) instanceof String outcome) {
            return outcome;
        }
        if (httpStatus >= 200 && httpStatus < 300) {
            return ApiCallInfo.OK;
        }
        return switch (httpStatus) {
            case 409 -> ApiCallInfo.FAILURE;
            case 425 -> "ONGOING";
            default -> ApiCallInfo.ERROR;
        };
    }

}
