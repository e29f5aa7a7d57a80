package io.dtm.spring.client;

/**
 * The base of dtm's result exceptions, where it was before it moved to
 * {@code dtm-protocol}.
 *
 * @deprecated since 0.1.0 for removal: use {@link io.dtm.protocol.DtmException}, which
 * this extends; catch that one, since dtm throws the new types
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmException extends io.dtm.protocol.DtmException {

    public DtmException(String message) {
        super(message);
    }

    public DtmException(String message, Throwable cause) {
        super(message, cause);
    }

}
