package io.dtm.coordinator.metrics;

import java.time.Duration;

/**
 * Histogram buckets of the duration timers, so that a dashboard can show percentiles
 * ({@code histogram_quantile}) aggregated over replicas: Micrometer's percentile buckets
 * between a minimum and a maximum, plus boundaries at the values an alert is likely to be
 * about.
 */
final class Histograms {

    /** A branch call or an API request. */
    static final Duration CALL_MIN = Duration.ofMillis(1);

    static final Duration CALL_MAX = Duration.ofSeconds(30);

    static final Duration[] CALL_SLOS = { Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3),
            Duration.ofSeconds(10) };

    /** A transaction from its creation to its final status, retries included. */
    static final Duration TRANSACTION_MIN = Duration.ofMillis(5);

    static final Duration TRANSACTION_MAX = Duration.ofHours(1);

    static final Duration[] TRANSACTION_SLOS = { Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15) };

    private Histograms() {
    }

}
