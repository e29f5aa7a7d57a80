package io.dtm.spring.client;

/**
 * A retryable result, where it was before it moved to {@code dtm-protocol}.
 *
 * @deprecated since 0.1.0 for removal: use {@link io.dtm.protocol.DtmRetryableException},
 * which this extends
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmRetryableException extends io.dtm.protocol.DtmRetryableException {

    public DtmRetryableException(String message, int status) {
        super(message, status);
    }

    public DtmRetryableException(String message, Throwable cause) {
        super(message, cause);
    }

}
