package io.dtm.spring.annotation.support;

/**
 * Where {@link io.dtm.spring.annotation.DtmDuplicateTransactionException} was before it
 * moved.
 *
 * @deprecated since 0.1.0 for removal: catch
 * {@link io.dtm.spring.annotation.DtmDuplicateTransactionException}, which dtm throws
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmDuplicateTransactionException extends io.dtm.spring.annotation.DtmDuplicateTransactionException {

    public DtmDuplicateTransactionException(String message, String gid, String status) {
        super(message, gid, status);
    }

}
