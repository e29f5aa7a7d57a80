package io.dtm.coordinator.engine;

import java.time.Duration;

/**
 * Coordinator-wide defaults, dtm's names in brackets.
 *
 * @param retryInterval base retry interval and the push of next_cron_time when the poller claims a transaction
 *     (RetryInterval)
 * @param timeoutToFail default timeout of tcc, xa, msg and workflow; saga has none unless it asks (TimeoutToFail)
 * @param requestTimeout timeout of each branch call (RequestTimeout)
 * @param cronInterval idle sleep of the recovery poller (TransCronInterval)
 * @param alertRetryLimit backoff rounds after which the alert webhook is called (AlertRetryLimit)
 * @param alertWebhook URL that receives alerts, or empty (AlertWebHook)
 */
public record EngineSettings(Duration retryInterval, Duration timeoutToFail, Duration requestTimeout,
        Duration cronInterval, int alertRetryLimit, String alertWebhook) {

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(10), Duration.ofSeconds(35), Duration.ofSeconds(3),
                Duration.ofSeconds(3), 3, "");
    }
}
