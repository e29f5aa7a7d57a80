package io.dtm.spring.annotation.support;

import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.XaBranch;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.security.SignedCallbackGuard;
import io.dtm.spring.xa.XaParticipant;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs an {@link XaBranch} handler in the XA branch of the request being handled, on the
 * application's DataSource, and registers it for phase 2.
 */
public class XaBranchInterceptor implements MethodInterceptor {

    private final ObjectProvider<XaParticipant> participant;

    private final ObjectProvider<SignedCallbackGuard> guard;

    private final boolean plainCallsOutsideTransaction;

    public XaBranchInterceptor(ObjectProvider<XaParticipant> participant) {
        this(participant, null, false);
    }

    /**
     * @param guard refuses unsigned calls when {@code dtm.callback.verify=true};
     * {@code null} checks nothing
     */
    public XaBranchInterceptor(ObjectProvider<XaParticipant> participant, ObjectProvider<SignedCallbackGuard> guard) {
        this(participant, guard, false);
    }

    /**
     * @param plainCallsOutsideTransaction run the handler as a plain method when no dtm
     * transaction is bound, instead of failing
     */
    public XaBranchInterceptor(ObjectProvider<XaParticipant> participant, ObjectProvider<SignedCallbackGuard> guard,
            boolean plainCallsOutsideTransaction) {
        this.participant = participant;
        this.guard = guard;
        this.plainCallsOutsideTransaction = plainCallsOutsideTransaction;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        DtmTransaction bound = DtmContextHolder.get();
        if (bound == null && this.plainCallsOutsideTransaction) {
            return invocation.proceed();
        }
        if (bound == null || !TransType.XA.is(bound.transType())) {
            String detail = "It runs only as a branch of a @GlobalXa initiator, called over HTTP with dtm's query "
                    + "parameters" + ((bound != null)
                            ? "; this thread is in " + bound.transType() + " transaction " + bound.gid() + "." : ".");
            throw NoGlobalTransactionException.outside(
                    "The @XaBranch handler " + AnnotatedMethods.describe(invocation.getMethod()), "an XA transaction",
                    detail);
        }
        SignedCallbackGuard signed = (this.guard != null) ? this.guard.getIfAvailable() : null;
        if (signed != null) {
            signed.requireSignedHandler("@XaBranch handler " + AnnotatedMethods.describe(invocation.getMethod()));
        }
        Object[] result = new Object[1];
        this.participant.getObject().xaLocal((jdbc) -> result[0] = AnnotatedMethods.proceed(invocation));
        return result[0];
    }

}
