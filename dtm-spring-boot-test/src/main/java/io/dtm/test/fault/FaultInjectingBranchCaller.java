package io.dtm.test.fault;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransGlobal;
import io.dtm.test.web.LocalServerUrls;

/**
 * The coordinator's branch caller with armed {@link BranchFault faults} applied around
 * the real HTTP call, and every call recorded in the {@link FaultLedger} with how its
 * reply was read. An answer the kit gives in place of the branch is reported to the
 * engine's call listeners as well, so that the admin's recent calls show it.
 */
public class FaultInjectingBranchCaller extends BranchCaller {

    private static final Log logger = LogFactory.getLog(FaultInjectingBranchCaller.class);

    private final FaultLedger ledger;

    private final @Nullable LocalServerUrls localUrls;

    public FaultInjectingBranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout, CallbackSigner signer,
            BranchUrlPolicy urlPolicy, FaultLedger ledger) {
        this(http, defaultRequestTimeout, signer, urlPolicy, ledger, null);
    }

    /**
     * @param localUrls gives a branch URL that names this application with port 0 the web
     * server's port; {@code null} calls every URL as stored
     */
    public FaultInjectingBranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout, CallbackSigner signer,
            BranchUrlPolicy urlPolicy, FaultLedger ledger, @Nullable LocalServerUrls localUrls) {
        this(http, defaultRequestTimeout, signer, urlPolicy, ledger, localUrls, ServiceUrlResolver.none());
    }

    /**
     * @param localUrls gives a branch URL that names this application with port 0 the web
     * server's port; {@code null} calls every URL as stored
     * @param serviceUrls resolves service URLs (lb://service/path) at each call
     */
    public FaultInjectingBranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout, CallbackSigner signer,
            BranchUrlPolicy urlPolicy, FaultLedger ledger, @Nullable LocalServerUrls localUrls,
            ServiceUrlResolver serviceUrls) {
        super(http, defaultRequestTimeout, signer, urlPolicy, BranchCaller.DEFAULT_MAX_REPLY_BYTES, serviceUrls);
        this.ledger = ledger;
        this.localUrls = localUrls;
    }

    @Override
    public BranchCallResult call(TransGlobal g, String storedUrl, byte[] body, String branchId, String op,
            BranchTracer.Pass pass) {
        if (storedUrl == null || storedUrl.isEmpty()) {
            return super.call(g, storedUrl, body, branchId, op, pass);
        }
        String url;
        try {
            url = (this.localUrls != null) ? this.localUrls.resolve(storedUrl) : storedUrl;
        }
        catch (IllegalStateException ex) {
            BranchTarget target = new BranchTarget(g.getGid(), g.getTransType().wireName(), branchId, op,
                    withoutQuery(storedUrl));
            return unsent(g, storedUrl, target, null,
                    new BranchCallResult(ReplyOutcome.RETRYABLE, "not called: " + ex.getMessage()), 0);
        }
        BranchTarget target = new BranchTarget(g.getGid(), g.getTransType().wireName(), branchId, op,
                withoutQuery(url));
        Fault fault = this.ledger.take(target, (candidate) -> true);
        if (fault == Fault.DELIVERED_AFTER_COMPENSATION) {
            this.ledger.hold(target, () -> deliverLate(g, url, body, target));
            return unsent(g, url, target, fault, new BranchCallResult(ReplyOutcome.FAILURE,
                    "held back by the test, to be delivered after the transaction ends"), 0);
        }
        if (fault == Fault.COORDINATOR_CRASH_AFTER_CALL) {
            BranchCallResult result = super.call(g, url, body, branchId, op, pass);
            record(target, fault, result);
            InjectedCrashLogFilter.install();
            logger.info("gid=" + g.getGid() + " coordinator crash injected by the test after " + target.describe()
                    + ": the pass ends without storing the result, as if the coordinator had died");
            throw new CoordinatorCrash(target);
        }
        if (fault == Fault.FAILURE) {
            return unsent(g, url, target, fault,
                    new BranchCallResult(ReplyOutcome.FAILURE, "FAILURE injected by the test"), 409);
        }
        if (fault == Fault.ERROR_BEFORE_HANDLER) {
            return unsent(g, url, target, fault, new BranchCallResult(ReplyOutcome.RETRYABLE,
                    "http status 500, injected by the test before the call"), 500);
        }
        BranchCallResult result = (fault != null) ? callWith(fault, g, url, body, branchId, op, pass)
                : super.call(g, url, body, branchId, op, pass);
        record(target, fault, result);
        return result;
    }

    private BranchCallResult unsent(TransGlobal g, String url, BranchTarget target, Fault fault,
            BranchCallResult result, int httpStatus) {
        reportUnsent(g, url, target.branchId(), target.op(), result, httpStatus);
        record(target, fault, result);
        return result;
    }

    /**
     * Sends a held call with its original URL (query included), body and headers, and
     * records it.
     */
    private void deliverLate(TransGlobal g, String url, byte[] body, BranchTarget target) {
        BranchCallResult result = super.call(g, url, body, target.branchId(), target.op(), BranchTracer.Pass.NONE);
        this.ledger.record(new BranchCall(target, Fault.DELIVERED_AFTER_COMPENSATION, result.result(),
                "delivered late: " + result.message()));
    }

    private void record(BranchTarget target, Fault fault, BranchCallResult result) {
        this.ledger.record(new BranchCall(target, fault, result.result(), result.message()));
    }

    private BranchCallResult callWith(Fault fault, TransGlobal g, String url, byte[] body, String branchId, String op,
            BranchTracer.Pass pass) {
        return switch (fault) {
            case ERROR_AFTER_COMMIT -> {
                super.call(g, url, body, branchId, op, pass);
                yield new BranchCallResult(ReplyOutcome.RETRYABLE,
                        "http status 500, injected by the test after the call");
            }
            case TIMEOUT_AFTER_COMMIT -> {
                super.call(g, url, body, branchId, op, pass);
                yield new BranchCallResult(ReplyOutcome.RETRYABLE,
                        "call " + url + " failed: timeout injected by the test after the call");
            }
            case DELIVERED_TWICE -> {
                super.call(g, url, body, branchId, op, pass);
                yield super.call(g, url, body, branchId, op, pass);
            }
            case FAILURE, ERROR_BEFORE_HANDLER, DELIVERED_AFTER_COMPENSATION, COORDINATOR_CRASH_AFTER_CALL ->
                throw new IllegalStateException(fault + " is applied by call()");
        };
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return (query < 0) ? url : url.substring(0, query);
    }

}
