package io.dtm.spring.client;

import java.time.Duration;

import io.dtm.protocol.TransRequest;

/**
 * Options applied to every transaction this service starts unless the builder sets its
 * own; {@code null} leaves the coordinator's default.
 */
public record TransDefaults(Duration timeoutToFail, Duration retryInterval, Duration requestTimeout) {

    public static final TransDefaults NONE = new TransDefaults(null, null, null);

    void applyTo(TransRequest request) {
        if (this.timeoutToFail != null && request.getTimeoutToFail() == null) {
            request.setTimeoutToFail(seconds(this.timeoutToFail));
        }
        if (this.retryInterval != null && request.getRetryInterval() == null) {
            request.setRetryInterval(seconds(this.retryInterval));
        }
        if (this.requestTimeout != null && request.getRequestTimeout() == null) {
            request.setRequestTimeout(seconds(this.requestTimeout));
        }
    }

    static long seconds(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds <= 0) {
            throw new IllegalArgumentException(
                    "dtm timeouts and intervals are whole seconds, at least 1s: " + duration);
        }
        return seconds;
    }

}
