package io.dtm.spring.annotation.support;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalXa;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.TwoPhaseInitiator;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.context.InitiatorRecording;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.PropertyResolver;

/**
 * Runs a {@link GlobalTcc} or {@link GlobalXa} method: prepare, bind the transaction so
 * that the calls the method makes are its branches, then submit on return or abort (and
 * re-throw) on exception. Inside a branch of the same mode, the method joins the bound
 * transaction instead: its calls become nested branches.
 */
public class GlobalTwoPhaseInterceptor implements MethodInterceptor {

    private final String transType;

    private final ObjectProvider<DtmClient> client;

    private final PropertyResolver propertyResolver;

    private final Map<Method, InitiatorOptions> options = new ConcurrentHashMap<>();

    private GlobalTwoPhaseInterceptor(String transType, ObjectProvider<DtmClient> client,
            PropertyResolver propertyResolver) {
        this.transType = transType;
        this.client = client;
        this.propertyResolver = propertyResolver;
    }

    public static GlobalTwoPhaseInterceptor tcc(ObjectProvider<DtmClient> client, PropertyResolver propertyResolver) {
        return new GlobalTwoPhaseInterceptor(TransType.TCC.wireName(), client, propertyResolver);
    }

    public static GlobalTwoPhaseInterceptor xa(ObjectProvider<DtmClient> client, PropertyResolver propertyResolver) {
        return new GlobalTwoPhaseInterceptor(TransType.XA.wireName(), client, propertyResolver);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        // steps of an enclosing saga or msg are not recorded from inside another
        // transaction
        InitiatorRecording recording = StepRecording.start(null);
        try {
            DtmTransaction bound = DtmContextHolder.get();
            if (bound != null && this.transType.equals(bound.transType())) {
                return invocation.proceed();
            }
            return runGlobal(invocation);
        }
        finally {
            StepRecording.restore(recording);
        }
    }

    private Object runGlobal(MethodInvocation invocation) throws Throwable {
        DtmClient dtm = this.client.getObject();
        InitiatorOptions options = options(invocation);
        Method method = AnnotatedMethods.specificMethod(invocation);
        String initiator = "the @" + (TransType.TCC.is(this.transType) ? "GlobalTcc " : "GlobalXa ")
                + AnnotatedMethods.describe(method);
        String gid = options.gid(method, invocation.getArguments(), dtm::newGid);
        String claim = null;
        if (options.callerChosenGid()) {
            ExistingTransaction existing = ExistingTransaction.find(dtm, gid);
            if (existing != null) {
                return existing.answer(this.transType, method, initiator);
            }
            claim = ExistingTransaction.newClaim();
        }
        TransRequest request = new TransRequest(gid, this.transType);
        request.setCustomData(claim);
        if (options.timeoutToFail() != null) {
            request.setTimeoutToFail(options.timeoutToFail().toSeconds());
        }
        if (options.retryInterval() != null) {
            request.setRetryInterval(options.retryInterval().toSeconds());
        }
        if (options.waitResult()) {
            request.setWaitResult(true);
        }
        String op = TransType.TCC.is(this.transType) ? BranchOp.TRY.wireName() : BranchOp.ACTION.wireName();
        DtmTransaction transaction = new DtmTransaction(request.getGid(), this.transType, "", op, dtm.server());
        TwoPhaseInitiator.Duplicates duplicates = (claim != null)
                ? new ClaimedStart(dtm, gid, claim, this.transType, method, initiator) : null;
        return TwoPhaseInitiator.run(dtm, request, transaction, invocation::proceed, duplicates);
    }

    /**
     * The start of a caller-chosen gid, claimed in {@code custom_data}: a prepare of a
     * prepared gid is accepted, so only the call whose claim was stored started the
     * transaction.
     */
    private record ClaimedStart(DtmClient dtm, String gid, String claim, String transType, Method method,
            String initiator) implements TwoPhaseInitiator.Duplicates {

        @Override
        public @Nullable Object refused(DtmFailureException refusal) {
            return ExistingTransaction.answerRefusal(this.dtm, this.gid, refusal, this.transType, this.method,
                    this.initiator);
        }

        @Override
        public TwoPhaseInitiator.@Nullable Answer afterPrepare() {
            ExistingTransaction prepared = ExistingTransaction.find(this.dtm, this.gid);
            if (prepared != null && !prepared.claimedBy(this.claim)) {
                return new TwoPhaseInitiator.Answer(prepared.answer(this.transType, this.method, this.initiator));
            }
            return null;
        }

    }

    private InitiatorOptions options(MethodInvocation invocation) {
        Method method = AnnotatedMethods.specificMethod(invocation);
        return this.options.computeIfAbsent(method, (key) -> TransType.TCC.is(this.transType)
                ? InitiatorOptions.of(AnnotatedMethods.find(invocation, GlobalTcc.class), key, this.propertyResolver)
                : InitiatorOptions.of(AnnotatedMethods.find(invocation, GlobalXa.class), key, this.propertyResolver));
    }

}
