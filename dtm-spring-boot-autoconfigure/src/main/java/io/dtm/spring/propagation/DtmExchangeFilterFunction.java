package io.dtm.spring.propagation;

import java.net.URI;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds dtm's query parameters to {@code WebClient} calls. The transaction is taken from
 * the request attribute {@link #ATTRIBUTE} (set when the request is built, see
 * {@link #captureTransaction}) so that it survives a thread hop before subscription, else
 * from the current thread.
 */
public class DtmExchangeFilterFunction implements ExchangeFilterFunction {

    public static final String ATTRIBUTE = DtmTransaction.class.getName();

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        DtmTransaction transaction = (DtmTransaction) request.attribute(ATTRIBUTE).orElseGet(DtmContextHolder::get);
        URI uri = DtmPropagation.propagate(request.url(), transaction);
        if (uri == request.url()) {
            return next.exchange(request);
        }
        return next.exchange(ClientRequest.from(request).url(uri).build());
    }

    /**
     * Adds the filter and records the bound transaction on each request as it is built.
     */
    public static void apply(WebClient.Builder builder) {
        builder.defaultRequest(DtmExchangeFilterFunction::captureTransaction).filter(new DtmExchangeFilterFunction());
    }

    public static void captureTransaction(WebClient.RequestHeadersSpec<?> spec) {
        DtmTransaction transaction = DtmContextHolder.get();
        if (transaction != null) {
            spec.attribute(ATTRIBUTE, transaction);
        }
    }

}
