package io.dtm.coordinator.engine;

/** How a call's reply is read: dtm's SUCCESS, FAILURE, ONGOING, or any other error (retried with backoff). */
public enum DtmResult {
    SUCCESS, FAILURE, ONGOING, ERROR
}
