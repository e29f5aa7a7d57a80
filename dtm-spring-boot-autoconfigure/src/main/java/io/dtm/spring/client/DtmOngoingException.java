package io.dtm.spring.client;

/**
 * The ONGOING result, where it was before it moved to {@code dtm-protocol}.
 *
 * @deprecated since 0.1.0 for removal: use {@link io.dtm.protocol.DtmOngoingException},
 * which this extends
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmOngoingException extends io.dtm.protocol.DtmOngoingException {

    public DtmOngoingException(String message) {
        super(message);
    }

}
