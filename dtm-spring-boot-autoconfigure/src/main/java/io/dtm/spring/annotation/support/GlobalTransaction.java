package io.dtm.spring.annotation.support;

import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import org.jspecify.annotations.Nullable;

/**
 * The global transaction an annotated initiator method is running in, where it was before
 * it moved to {@code io.dtm.spring.annotation}.
 *
 * @deprecated since 0.1.0 for removal: use
 * {@link io.dtm.spring.annotation.GlobalTransaction}, to which every method here
 * delegates
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class GlobalTransaction {

    private GlobalTransaction() {
    }

    /**
     * @see io.dtm.spring.annotation.GlobalTransaction#currentSaga()
     */
    public static Saga currentSaga() {
        return io.dtm.spring.annotation.GlobalTransaction.currentSaga();
    }

    /**
     * @see io.dtm.spring.annotation.GlobalTransaction#currentMsg()
     */
    public static Msg currentMsg() {
        return io.dtm.spring.annotation.GlobalTransaction.currentMsg();
    }

    /**
     * @see io.dtm.spring.annotation.GlobalTransaction#currentGid()
     */
    public static @Nullable String currentGid() {
        return io.dtm.spring.annotation.GlobalTransaction.currentGid();
    }

}
