package io.dtm.coordinator.engine;

import java.time.Duration;

/**
 * Told what the recovery poller does: every claim attempt and the end of every pass it
 * started. Runs on the poller's threads, so it must be quick; what it throws is logged
 * and ignored.
 */
public interface CronPollListener {

    /** A claim attempt is about to ask the store for a due transaction. */
    default void claiming() {
    }

    /** A claim attempt returned; {@code claimed} is false when no transaction was due. */
    default void polled(boolean claimed) {
    }

    /**
     * A claim attempt failed (the store could not be reached, ...); the poller tries
     * again after the cron interval.
     */
    default void claimFailed(Throwable error) {
    }

    /** A pass the poller started on a claimed transaction ended, whatever its outcome. */
    default void passEnded(Duration took) {
    }

    /**
     * A pass the poller started could not complete: it ended with an internal error of
     * the coordinator, and the transaction was backed off.
     */
    default void passFailed() {
    }

    /**
     * The poller's claim loop ended although the poller was not stopped (its thread was
     * interrupted, or failed in a way it could not contain): no transaction is recovered
     * on this replica until it restarts.
     */
    default void loopDied(Throwable cause) {
    }

}
