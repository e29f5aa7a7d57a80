package io.dtm.spring.client;

/**
 * The FAILURE result, where it was before it moved to {@code dtm-protocol}.
 *
 * @deprecated since 0.1.0 for removal: use {@link io.dtm.protocol.DtmFailureException},
 * which this extends, so that code catching either sees it
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmFailureException extends io.dtm.protocol.DtmFailureException {

    public DtmFailureException(String message) {
        super(message);
    }

    public DtmFailureException(String message, Throwable cause) {
        super(message, cause);
    }

}
