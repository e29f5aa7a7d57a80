package io.dtm.spring.feign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import feign.Client;
import feign.Request;
import feign.Response;
import io.dtm.protocol.BranchRegistration;
import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A {@link TccTry} method called in a TCC registers its branch (the branch id assigned by
 * the propagation, confirm and cancel, the body as data), then sends the try; a FAILURE
 * or ONGOING reply becomes a {@code DtmFailureException} or {@code DtmOngoingException}.
 * Called outside a TCC, it fails with {@link NoGlobalTransactionException}, or goes on as
 * a plain call when allowed.
 */
final class TccTryFeignClient implements Client {

    private final Client next;

    private final FeignCalls calls;

    private final ObjectProvider<DtmClient> dtmClient;

    private final BranchUrlResolver urlResolver;

    private final boolean plainCallsOutsideTransaction;

    TccTryFeignClient(Client next, FeignCalls calls, ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            boolean plainCallsOutsideTransaction) {
        this.next = next;
        this.calls = calls;
        this.dtmClient = dtmClient;
        this.urlResolver = urlResolver;
        this.plainCallsOutsideTransaction = plainCallsOutsideTransaction;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        FeignCalls.DtmMethod method = this.calls.dtmMethod(request);
        TccTry tccTry = method.tccTry();
        if (tccTry == null) {
            return this.next.execute(request, options);
        }
        DtmTransaction transaction = DtmContextHolder.get();
        if (transaction == null || !TransType.TCC.is(transaction.transType())) {
            if (this.plainCallsOutsideTransaction) {
                return this.next.execute(request, options);
            }
            String detail = (transaction != null) ? "This thread is in " + transaction.transType() + " transaction "
                    + transaction.gid() + ", not in a TCC." : null;
            throw NoGlobalTransactionException.outside("The @TccTry Feign method " + method.description(),
                    "a @GlobalTcc method (or a TCC branch handler)", detail);
        }
        register(transaction, tccTry, request);
        return FeignCalls.checked(this.next.execute(request, options), "tcc try " + request.url());
    }

    private void register(DtmTransaction transaction, TccTry tccTry, Request request) {
        String branchId = UriComponentsBuilder.fromUriString(request.url())
            .build()
            .getQueryParams()
            .getFirst(DtmTransaction.BRANCH_ID);
        if (!StringUtils.hasText(branchId)) {
            throw new IllegalStateException("The try " + request.url() + " carries no branch_id: dtm's Feign "
                    + "propagation (DtmFeignRequestInterceptor) is not applied to this Feign client");
        }
        DtmClient client = this.dtmClient.getObject();
        String data = new String(FeignCalls.body(request), StandardCharsets.UTF_8);
        String baseUrl = FeignCalls.baseUrl(request);
        String serviceName = this.calls.serviceName(request);
        String confirm = this.urlResolver.resolve(tccTry.confirm(), baseUrl, serviceName);
        String cancel = this.urlResolver.resolve(tccTry.cancel(), baseUrl, serviceName);
        String dtm = StringUtils.hasText(transaction.dtm()) ? transaction.dtm() : client.server();
        client.registerBranch(dtm, BranchRegistration.tcc(transaction.gid(), branchId, confirm, cancel, data));
    }

}
