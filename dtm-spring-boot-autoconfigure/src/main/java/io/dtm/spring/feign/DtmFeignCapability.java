package io.dtm.spring.feign;

import feign.Capability;
import feign.Client;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.security.CallbackSignatures;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Installs dtm's Feign chain on the client of every Feign client, outermost first:
 * <ol>
 * <li>{@link StepRecordingFeignClient}: a {@link DtmStep} call inside a saga or message
 * is recorded as a step, not sent;</li>
 * <li>{@link TccTryFeignClient}: a {@link TccTry} call registers its branch, then is sent
 * and its reply checked;</li>
 * <li>{@link XaBranchReplyFeignClient}: the reply of an XA branch call is checked;</li>
 * <li>{@link SigningFeignClient}: a call made in a bound transaction is signed;</li>
 * </ol>
 * then the client Feign was given.
 */
public class DtmFeignCapability implements Capability {

    private final ObjectProvider<DtmClient> dtmClient;

    private final BranchUrlResolver urlResolver;

    private final @Nullable ObjectProvider<CallbackSignatures> signatures;

    private final boolean plainCallsOutsideTransaction;

    private final FeignCalls calls = new FeignCalls();

    public DtmFeignCapability(ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver) {
        this(dtmClient, urlResolver, null, false);
    }

    /**
     * @param signatures signs calls made as a branch of a bound transaction; {@code null}
     * signs nothing
     */
    public DtmFeignCapability(ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            @Nullable ObjectProvider<CallbackSignatures> signatures) {
        this(dtmClient, urlResolver, signatures, false);
    }

    /**
     * @param plainCallsOutsideTransaction send {@link DtmStep} and {@link TccTry} calls
     * made outside their transaction as plain calls instead of failing
     */
    public DtmFeignCapability(ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            @Nullable ObjectProvider<CallbackSignatures> signatures, boolean plainCallsOutsideTransaction) {
        this.dtmClient = dtmClient;
        this.urlResolver = urlResolver;
        this.signatures = signatures;
        this.plainCallsOutsideTransaction = plainCallsOutsideTransaction;
    }

    @Override
    @SuppressWarnings("removal")
    public Client enrich(Client client) {
        if (client instanceof StepRecordingFeignClient || client instanceof DtmFeignClient) {
            return client;
        }
        return chain(client, this.calls, this.dtmClient, this.urlResolver, this.signatures,
                this.plainCallsOutsideTransaction);
    }

    static Client chain(Client client, FeignCalls calls, ObjectProvider<DtmClient> dtmClient,
            BranchUrlResolver urlResolver, @Nullable ObjectProvider<CallbackSignatures> signatures,
            boolean plainCallsOutsideTransaction) {
        Client signing = new SigningFeignClient(client, signatures);
        Client xaReplies = new XaBranchReplyFeignClient(signing);
        Client tccTry = new TccTryFeignClient(xaReplies, calls, dtmClient, urlResolver, plainCallsOutsideTransaction);
        return new StepRecordingFeignClient(tccTry, calls, urlResolver, plainCallsOutsideTransaction);
    }

}
