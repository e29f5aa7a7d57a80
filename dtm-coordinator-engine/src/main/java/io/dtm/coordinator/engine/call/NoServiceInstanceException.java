package io.dtm.coordinator.engine.call;

import io.dtm.coordinator.engine.support.LogSafe;

/**
 * A service named by a branch URL has no instance to call now: the call is not made and
 * its branch answers RETRYABLE, so the transaction is retried later rather than failed.
 */
public class NoServiceInstanceException extends RuntimeException {

    private final String service;

    public NoServiceInstanceException(String service) {
        super("no instance of service '" + LogSafe.prefix(service, 128) + "' is available");
        this.service = service;
    }

    /** The service's name. */
    public String service() {
        return service;
    }

}
