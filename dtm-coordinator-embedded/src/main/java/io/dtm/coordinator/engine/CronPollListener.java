package io.dtm.coordinator.engine;

import java.time.Duration;

/**
 * Told what the recovery poller does: every claim attempt and the end of every pass it
 * started. Runs on the poller's threads, so it must be quick; what it throws is logged
 * and ignored.
 */
public interface CronPollListener {

    /** A claim attempt returned; {@code claimed} is false when no transaction was due. */
    default void polled(boolean claimed) {
    }

    /** A pass the poller started on a claimed transaction ended, whatever its outcome. */
    default void passEnded(Duration took) {
    }

}
