package io.dtm.spring.feign;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import feign.Client;
import feign.Request;
import feign.Response;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.security.CallbackSignatures;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The innermost client of dtm's Feign chain: a call sent as a branch of a bound
 * transaction (a try, an XA branch, a nested branch) gets a {@code Dtm-Signature} header,
 * as the coordinator signs its own calls, so that participants with
 * {@code dtm.callback.verify=true} accept it. Signs nothing without a secret.
 */
final class SigningFeignClient implements Client {

    private final Client next;

    private final @Nullable ObjectProvider<CallbackSignatures> signatures;

    SigningFeignClient(Client next, @Nullable ObjectProvider<CallbackSignatures> signatures) {
        this.next = next;
        this.signatures = signatures;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        return this.next.execute((DtmContextHolder.get() != null) ? signed(request) : request, options);
    }

    private Request signed(Request request) {
        CallbackSignatures signer = (this.signatures != null) ? this.signatures.getIfAvailable() : null;
        if (signer == null || !signer.isEnabled() || request.headers().containsKey(CallbackSignatures.HEADER)) {
            return request;
        }
        URI uri = URI.create(request.url());
        if (uri.getRawQuery() == null || !uri.getRawQuery().contains(DtmTransaction.GID + "=")) {
            return request;
        }
        String signature = signer.sign(request.httpMethod().name(), uri, FeignCalls.body(request));
        Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(CallbackSignatures.HEADER, List.of(signature));
        return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(),
                request.requestTemplate());
    }

}
