package io.dtm.coordinator.engine.support;

import java.time.Duration;

/**
 * Coordinator-wide defaults, dtm's names in brackets.
 *
 * @param retryInterval base retry interval of a transaction that sets none
 * (RetryInterval)
 * @param timeoutToFail default timeout of tcc, xa, msg and workflow; saga has none unless
 * it asks (TimeoutToFail)
 * @param requestTimeout timeout of each branch call (RequestTimeout)
 * @param cronInterval idle sleep of the recovery poller (TransCronInterval)
 * @param alertRetryLimit backoff rounds after which the alert webhook is called
 * (AlertRetryLimit)
 * @param alertWebhook URL that receives alerts, or empty (AlertWebHook)
 * @param claimMargin slack of a pass's hold beyond its branch calls: the final store
 * writes and the clock difference between replicas
 * @param maxRetryInterval the longest a failing transaction's retry interval doubles to,
 * unless its own base interval is longer
 */
public record EngineSettings(Duration retryInterval, Duration timeoutToFail, Duration requestTimeout,
        Duration cronInterval, int alertRetryLimit, String alertWebhook, Duration claimMargin,
        Duration maxRetryInterval) {

    /** The default of {@code dtm.coordinator.max-retry-interval}. */
    public static final Duration DEFAULT_MAX_RETRY_INTERVAL = Duration.ofMinutes(1);

    public EngineSettings {
        if (maxRetryInterval == null || maxRetryInterval.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.max-retry-interval must be at least 1s, got " + maxRetryInterval);
        }
    }

    /** Settings with the default cap on the retry backoff. */
    public EngineSettings(Duration retryInterval, Duration timeoutToFail, Duration requestTimeout,
            Duration cronInterval, int alertRetryLimit, String alertWebhook, Duration claimMargin) {
        this(retryInterval, timeoutToFail, requestTimeout, cronInterval, alertRetryLimit, alertWebhook, claimMargin,
                DEFAULT_MAX_RETRY_INTERVAL);
    }

    /**
     * The longest request timeout a transaction may ask for: a pass's hold must stay
     * bounded.
     */
    public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(5);

    /** How long after its start a pass may still start a branch call. */
    public Duration passWindow() {
        return requestTimeout.plusSeconds(2);
    }
}
