package io.dtm.spring.annotation.support;

/**
 * Where {@link io.dtm.spring.annotation.NoGlobalTransactionException} was before it
 * moved.
 *
 * @deprecated since 0.1.0 for removal: catch
 * {@link io.dtm.spring.annotation.NoGlobalTransactionException}, which dtm throws
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class NoGlobalTransactionException extends io.dtm.spring.annotation.NoGlobalTransactionException {

    public NoGlobalTransactionException(String message) {
        super(message);
    }

}
