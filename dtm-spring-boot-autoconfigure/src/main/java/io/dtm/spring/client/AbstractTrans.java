package io.dtm.spring.client;

import java.time.Duration;
import java.util.Map;

import io.dtm.protocol.Gids;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransType;

/**
 * Options shared by the transaction builders (dtm's TransOptions).
 *
 * @param <T> the builder type
 */
public abstract class AbstractTrans<T extends AbstractTrans<T>> {

    protected final DtmClient client;

    protected final TransRequest request;

    protected AbstractTrans(DtmClient client, String gid, TransType transType) {
        Gids.check(gid);
        this.client = client;
        this.request = new TransRequest(gid, transType);
    }

    /**
     * A transaction with its type as a wire word.
     * @deprecated since 0.1.0 for removal in favor of
     * {@link #AbstractTrans(DtmClient, String, TransType)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    protected AbstractTrans(DtmClient client, String gid, String transType) {
        this(client, gid, TransType.fromWire(transType));
    }

    @SuppressWarnings("unchecked")
    protected T self() {
        return (T) this;
    }

    public String gid() {
        return this.request.getGid();
    }

    /**
     * Let submit wait until the coordinator has run the branches, and report their
     * result.
     */
    public T waitResult() {
        this.request.setWaitResult(true);
        return self();
    }

    public T timeoutToFail(Duration timeout) {
        this.request.setTimeoutToFail(TransDefaults.seconds(timeout));
        return self();
    }

    public T retryInterval(Duration interval) {
        this.request.setRetryInterval(TransDefaults.seconds(interval));
        return self();
    }

    public T requestTimeout(Duration timeout) {
        this.request.setRequestTimeout(TransDefaults.seconds(timeout));
        return self();
    }

    public T retryLimit(long limit) {
        this.request.setRetryLimit(limit);
        return self();
    }

    /** Headers the coordinator adds to every branch call of this transaction. */
    public T branchHeaders(Map<String, String> headers) {
        headers.forEach(this.request::putBranchHeader);
        return self();
    }

    public T branchHeader(String name, String value) {
        this.request.putBranchHeader(name, value);
        return self();
    }

    /** The request sent to the coordinator, for inspection and tests. */
    public TransRequest request() {
        return this.request;
    }

}
