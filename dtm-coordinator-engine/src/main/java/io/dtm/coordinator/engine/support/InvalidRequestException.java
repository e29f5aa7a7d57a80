package io.dtm.coordinator.engine.support;

/**
 * The request is malformed or breaks a rule of the protocol; nothing was stored or
 * changed.
 */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }

}
