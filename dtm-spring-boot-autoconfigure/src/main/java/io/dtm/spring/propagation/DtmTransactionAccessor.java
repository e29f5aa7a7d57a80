package io.dtm.spring.propagation;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context propagation carry the transaction bound in
 * {@link DtmContextHolder} to other threads. Registered with the {@code ContextRegistry}
 * through {@code META-INF/services}.
 */
public class DtmTransactionAccessor implements ThreadLocalAccessor<DtmTransaction> {

    public static final String KEY = "io.dtm.transaction";

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public DtmTransaction getValue() {
        return DtmContextHolder.get();
    }

    @Override
    public void setValue(DtmTransaction value) {
        DtmContextHolder.bind(value);
    }

    @Override
    public void setValue() {
        DtmContextHolder.clear();
    }

}
