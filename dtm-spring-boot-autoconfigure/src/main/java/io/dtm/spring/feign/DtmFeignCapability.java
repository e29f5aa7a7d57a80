package io.dtm.spring.feign;

import feign.Capability;
import feign.Client;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.web.CallbackSignatures;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Wraps the client of every Feign client with {@link DtmFeignClient}, which records
 * {@link DtmStep} calls and registers {@link TccTry} branches.
 */
public class DtmFeignCapability implements Capability {

    private final ObjectProvider<DtmClient> dtmClient;

    private final BranchUrlResolver urlResolver;

    private final ObjectProvider<CallbackSignatures> signatures;

    private final boolean plainCallsOutsideTransaction;

    public DtmFeignCapability(ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver) {
        this(dtmClient, urlResolver, null, false);
    }

    /**
     * @param signatures signs calls made as a branch of a bound transaction; {@code null}
     * signs nothing
     */
    public DtmFeignCapability(ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            ObjectProvider<CallbackSignatures> signatures) {
        this(dtmClient, urlResolver, signatures, false);
    }

    /**
     * @param plainCallsOutsideTransaction send {@link DtmStep} and {@link TccTry} calls
     * made outside their transaction as plain calls instead of failing
     */
    public DtmFeignCapability(ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            ObjectProvider<CallbackSignatures> signatures, boolean plainCallsOutsideTransaction) {
        this.dtmClient = dtmClient;
        this.urlResolver = urlResolver;
        this.signatures = signatures;
        this.plainCallsOutsideTransaction = plainCallsOutsideTransaction;
    }

    @Override
    public Client enrich(Client client) {
        if (client instanceof DtmFeignClient) {
            return client;
        }
        return new DtmFeignClient(client, this.dtmClient, this.urlResolver, this.signatures,
                this.plainCallsOutsideTransaction);
    }

}
