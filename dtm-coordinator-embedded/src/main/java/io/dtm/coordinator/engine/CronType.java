package io.dtm.coordinator.engine;

/** How the next retry of a transaction is timed after a branch result (protocol §4.5). */
enum CronType {
    /** back to the base interval (success) */
    RESET,
    /** same interval again (ONGOING) */
    KEEP,
    /** double the interval (any other error) */
    BACKOFF
}
