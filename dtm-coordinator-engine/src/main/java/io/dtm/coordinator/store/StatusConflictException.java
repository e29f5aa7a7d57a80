package io.dtm.coordinator.store;

/** The global transaction is not (or no longer) in the status a write expected. */
public class StatusConflictException extends RuntimeException {

    public StatusConflictException(String message) {
        super(message);
    }

}
