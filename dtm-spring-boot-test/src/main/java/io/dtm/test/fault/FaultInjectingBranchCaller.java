package io.dtm.test.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.dtm.coordinator.engine.BranchCallResult;
import io.dtm.coordinator.engine.BranchCaller;
import io.dtm.coordinator.engine.BranchTracer;
import io.dtm.coordinator.engine.BranchUrlPolicy;
import io.dtm.coordinator.engine.CallbackSigner;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransGlobal;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The coordinator's branch caller with armed {@link BranchFault faults} applied around
 * the real HTTP call, and every call recorded with how its reply was read.
 */
public class FaultInjectingBranchCaller extends BranchCaller {

    private final List<Armed> armed = new ArrayList<>();

    private final List<BranchCall> calls = new ArrayList<>();

    private final List<HeldCall> held = new ArrayList<>();

    public FaultInjectingBranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout, CallbackSigner signer,
            BranchUrlPolicy urlPolicy) {
        super(http, defaultRequestTimeout, signer, urlPolicy);
    }

    /** Arms a fault; faults armed earlier are tried first, one fault per call. */
    public void inject(BranchFault fault) {
        synchronized (this.armed) {
            this.armed.add(new Armed(fault));
        }
    }

    public void clearFaults() {
        synchronized (this.armed) {
            this.armed.clear();
        }
    }

    /** The calls made since the last {@link #clearCalls()}, in the order they ended. */
    public List<BranchCall> calls() {
        synchronized (this.calls) {
            return List.copyOf(this.calls);
        }
    }

    public void clearCalls() {
        synchronized (this.calls) {
            this.calls.clear();
        }
        synchronized (this.held) {
            this.held.clear();
        }
    }

    /**
     * Delivers the calls held back by {@link Fault#DELIVERED_AFTER_COMPENSATION}, each
     * with its original URL (query included), body and headers, and records them.
     * @return how many were delivered
     */
    public int deliverHeld() {
        List<HeldCall> due;
        synchronized (this.held) {
            due = List.copyOf(this.held);
            this.held.clear();
        }
        for (HeldCall call : due) {
            BranchCallResult result = super.call(call.global(), call.url(), call.body(), call.target().branchId(),
                    call.target().op(), BranchTracer.Pass.NONE);
            record(new BranchCall(call.target(), Fault.DELIVERED_AFTER_COMPENSATION, result.result(),
                    "delivered late: " + result.message()));
        }
        return due.size();
    }

    @Override
    public BranchCallResult call(TransGlobal g, String url, byte[] body, String branchId, String op,
            BranchTracer.Pass pass) {
        if (url == null || url.isEmpty()) {
            return super.call(g, url, body, branchId, op, pass);
        }
        BranchTarget target = new BranchTarget(g.getGid(), g.getTransType(), branchId, op, withoutQuery(url));
        Fault fault = take(target);
        if (fault == Fault.DELIVERED_AFTER_COMPENSATION) {
            synchronized (this.held) {
                this.held.add(new HeldCall(g, url, body, target));
            }
            BranchCallResult result = new BranchCallResult(ReplyOutcome.FAILURE,
                    "held back by the test, to be delivered after the transaction ends");
            record(new BranchCall(target, fault, result.result(), result.message()));
            return result;
        }
        if (fault == Fault.COORDINATOR_CRASH_AFTER_CALL) {
            BranchCallResult result = super.call(g, url, body, branchId, op, pass);
            record(new BranchCall(target, fault, result.result(), result.message()));
            throw new CoordinatorCrash(target);
        }
        BranchCallResult result = (fault != null) ? callWith(fault, g, url, body, branchId, op, pass)
                : super.call(g, url, body, branchId, op, pass);
        record(new BranchCall(target, fault, result.result(), result.message()));
        return result;
    }

    private void record(BranchCall call) {
        synchronized (this.calls) {
            this.calls.add(call);
        }
    }

    private BranchCallResult callWith(Fault fault, TransGlobal g, String url, byte[] body, String branchId, String op,
            BranchTracer.Pass pass) {
        return switch (fault) {
            case FAILURE -> new BranchCallResult(ReplyOutcome.FAILURE, "FAILURE injected by the test");
            case ERROR_BEFORE_HANDLER ->
                new BranchCallResult(ReplyOutcome.RETRYABLE, "http status 500, injected by the test before the call");
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
            case DELIVERED_AFTER_COMPENSATION, COORDINATOR_CRASH_AFTER_CALL ->
                throw new IllegalStateException(fault + " is applied by call()");
        };
    }

    private Fault take(BranchTarget target) {
        synchronized (this.armed) {
            for (Iterator<Armed> it = this.armed.iterator(); it.hasNext();) {
                Armed candidate = it.next();
                if (candidate.fault.selector().matches(target)) {
                    if (--candidate.remaining == 0) {
                        it.remove();
                    }
                    return candidate.fault.fault();
                }
            }
            return null;
        }
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return (query < 0) ? url : url.substring(0, query);
    }

    private record HeldCall(TransGlobal global, String url, byte[] body, BranchTarget target) {
    }

    private static final class Armed {

        private final BranchFault fault;

        private int remaining;

        Armed(BranchFault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }

    }

}
