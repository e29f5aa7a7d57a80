package io.dtm.protocol;

/**
 * The FAILURE result: final, not retried; the global transaction rolls back. Answered
 * with 409 {@code {"dtm_result":"FAILURE","message":...}}.
 */
public class DtmFailureException extends DtmException {

    public DtmFailureException(String message) {
        super(message);
    }

    public DtmFailureException(String message, Throwable cause) {
        super(message, cause);
    }

}
