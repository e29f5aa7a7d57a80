package io.dtm.spring.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

/**
 * Adds dtm's query parameters to OpenFeign calls made while a transaction is bound.
 */
public class DtmFeignRequestInterceptor implements RequestInterceptor {

    @Override
    public void apply(RequestTemplate template) {
        DtmTransaction transaction = DtmContextHolder.get();
        if (transaction == null || template.queries().containsKey(DtmTransaction.GID)) {
            return;
        }
        transaction.nextOutboundParams().forEach(template::query);
    }

}
