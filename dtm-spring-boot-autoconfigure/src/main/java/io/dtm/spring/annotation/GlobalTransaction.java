package io.dtm.spring.annotation;

import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;

/**
 * The global transaction an annotated initiator method is running in, where it was before
 * it moved to {@code io.dtm.spring.annotation.support}.
 *
 * @deprecated since 0.1.0 for removal: use
 * {@link io.dtm.spring.annotation.support.GlobalTransaction}, to which every method here
 * delegates
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class GlobalTransaction {

    private GlobalTransaction() {
    }

    /**
     * @see io.dtm.spring.annotation.support.GlobalTransaction#currentSaga()
     */
    public static Saga currentSaga() {
        return io.dtm.spring.annotation.support.GlobalTransaction.currentSaga();
    }

    /**
     * @see io.dtm.spring.annotation.support.GlobalTransaction#currentMsg()
     */
    public static Msg currentMsg() {
        return io.dtm.spring.annotation.support.GlobalTransaction.currentMsg();
    }

    /**
     * @see io.dtm.spring.annotation.support.GlobalTransaction#currentGid()
     */
    public static String currentGid() {
        return io.dtm.spring.annotation.support.GlobalTransaction.currentGid();
    }

}
