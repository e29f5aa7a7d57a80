package io.dtm.spring.client;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransType;
import io.dtm.spring.barrier.BarrierBusiness;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A 2-phase message: steps the coordinator runs once the message is submitted. With
 * {@link #doAndSubmitDb} the local business and the message commit together through the
 * barrier.
 */
public class Msg extends AbstractTrans<Msg> {

    Msg(DtmClient client, String gid) {
        super(client, gid, TransType.MSG);
    }

    public Msg add(String action, Object payload) {
        Assert.isTrue(StringUtils.hasText(action), "a msg step needs an action URL");
        this.request.addStep(Map.of("action", action), this.client.toJson(payload));
        return this;
    }

    /** Adds a step that fans out to every subscriber of {@code topic}. */
    public Msg addTopic(String topic, Object payload) {
        Assert.isTrue(StringUtils.hasText(topic), "topic must not be empty");
        return add("topic://" + topic, payload);
    }

    /** Run the steps in parallel. */
    public Msg enableConcurrent() {
        this.request.setConcurrent(true);
        return this;
    }

    /** Run the steps no earlier than {@code delay} after the message was created. */
    public Msg delay(Duration delay) {
        this.request.setCustomData("{\"delay\":" + TransDefaults.seconds(delay) + "}");
        return this;
    }

    public void prepare(String queryPrepared) {
        checkSteps();
        this.request.setQueryPrepared(queryPrepared);
        this.client.prepare(this.request);
    }

    public void submit() {
        checkSteps();
        this.client.submit(this.request);
    }

    /**
     * Prepares the message, runs {@code business}, then submits. If the business throws
     * FAILURE the message is aborted; on another error the back-check at
     * {@code queryPrepared} decides (abort on FAILURE). The business's exception is
     * rethrown.
     */
    public void doAndSubmit(String queryPrepared, MsgBusiness business) {
        BranchBarrier barrier = BranchBarrier.msg(gid());
        prepare(queryPrepared);
        Throwable businessError = null;
        RuntimeException checkError = null;
        try {
            business.execute(barrier);
        }
        catch (Throwable ex) {
            businessError = ex;
        }
        if (businessError != null && !(businessError instanceof DtmFailureException)) {
            try {
                Map<String, String> query = new DtmTransaction(gid(), barrier.transType(), barrier.branchId(),
                        barrier.op(), this.client.server())
                    .queryParams(barrier.branchId(), barrier.op());
                this.client.http().get(queryPrepared, query).check("query prepared " + gid());
            }
            catch (RuntimeException ex) {
                checkError = ex;
            }
        }
        if (businessError instanceof DtmFailureException || checkError instanceof DtmFailureException) {
            try {
                this.client.abort(this.request);
            }
            catch (RuntimeException ex) {
                if (businessError != null) {
                    businessError.addSuppressed(ex);
                }
            }
        }
        else if (checkError == null) {
            submit();
        }
        if (businessError != null) {
            throw DtmClient.sneaky(businessError);
        }
    }

    /**
     * {@link #doAndSubmit} with the business run in a local transaction on
     * {@code dataSource} that also writes the msg barrier row, so that the back-check
     * ({@code queryPrepared}) knows whether it committed.
     */
    public void doAndSubmitDb(String queryPrepared, DataSource dataSource, BarrierBusiness business) {
        doAndSubmit(queryPrepared, (barrier) -> this.client.barrier().call(barrier, dataSource, business));
    }

    private void checkSteps() {
        Assert.state(this.request.getSteps() != null && !this.request.getSteps().isEmpty(),
                "a msg needs at least one step");
    }

}
