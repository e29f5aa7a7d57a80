package io.dtm.protocol;

/**
 * Base class of the errors dtm's protocol knows. A plain {@code DtmException} (and any
 * exception that is not a {@link DtmFailureException} or {@link DtmOngoingException})
 * means "error, retry with backoff", and is answered with status 500.
 */
public class DtmException extends RuntimeException {

    public DtmException(String message) {
        super(message);
    }

    public DtmException(String message, Throwable cause) {
        super(message, cause);
    }

}
