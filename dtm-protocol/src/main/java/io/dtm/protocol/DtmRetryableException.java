package io.dtm.protocol;

/**
 * An error that is neither FAILURE nor ONGOING: a status other than 200, a network error
 * or a timeout. The call may be retried.
 */
public class DtmRetryableException extends DtmException {

    private final int status;

    public DtmRetryableException(String message, int status) {
        super(message);
        this.status = status;
    }

    public DtmRetryableException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status, or -1 when no reply came. */
    public int status() {
        return status;
    }

}
