package io.dtm.coordinator.engine.run;

/**
 * How the next retry of a transaction is timed after a branch result
 * (docs/protocol.md#retry-timing).
 */
public enum CronType {

    /** back to the base interval (success) */
    RESET,
    /** same interval again (ONGOING) */
    KEEP,
    /** double the interval (any other error) */
    BACKOFF

}
