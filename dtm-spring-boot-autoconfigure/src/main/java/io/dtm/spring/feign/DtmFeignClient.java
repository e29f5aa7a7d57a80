package io.dtm.spring.feign;

import java.io.IOException;

import feign.Client;
import feign.Request;
import feign.Response;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.security.CallbackSignatures;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The Feign client behind the initiator annotations, as one class.
 *
 * @deprecated since 0.1.0 for removal: {@link DtmFeignCapability} installs dtm's Feign
 * support as a chain of small clients; this class delegates to that chain
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmFeignClient implements Client {

    private final Client chain;

    public DtmFeignClient(Client delegate, ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver) {
        this(delegate, dtmClient, urlResolver, null, false);
    }

    public DtmFeignClient(Client delegate, ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            @Nullable ObjectProvider<CallbackSignatures> signatures) {
        this(delegate, dtmClient, urlResolver, signatures, false);
    }

    public DtmFeignClient(Client delegate, ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            @Nullable ObjectProvider<CallbackSignatures> signatures, boolean plainCallsOutsideTransaction) {
        this.chain = DtmFeignCapability.chain(delegate, new FeignCalls(), dtmClient, urlResolver, signatures,
                plainCallsOutsideTransaction);
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        return this.chain.execute(request, options);
    }

}
