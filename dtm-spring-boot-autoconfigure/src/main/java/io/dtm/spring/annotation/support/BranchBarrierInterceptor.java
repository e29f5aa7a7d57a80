package io.dtm.spring.annotation.support;

import java.lang.annotation.Annotation;

import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.security.SignedCallbackGuard;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs a participant handler ({@link DtmBarrier}, {@link TccTry}, {@link TccConfirm},
 * {@link TccCancel}) in a local transaction behind the branch barrier of the request
 * being handled. The op is fixed by the annotation (TCC) or taken from the request
 * ({@code @DtmBarrier}). When the barrier skips the business (a repeat, an empty
 * compensation, a try after its cancel) the handler does not run and returns
 * {@code null}: a success reply.
 */
public class BranchBarrierInterceptor implements MethodInterceptor {

    private final Class<? extends Annotation> annotationType;

    private final String op;

    private final ObjectProvider<JdbcBarrier> barrier;

    private final LocalTransactions localTransactions;

    private final ObjectProvider<SignedCallbackGuard> guard;

    /**
     * @param op the barrier op, or {@code null} to take it from the request
     */
    public BranchBarrierInterceptor(Class<? extends Annotation> annotationType, String op,
            ObjectProvider<JdbcBarrier> barrier, LocalTransactions localTransactions) {
        this(annotationType, op, barrier, localTransactions, null);
    }

    /**
     * @param op the barrier op, or {@code null} to take it from the request
     * @param guard refuses unsigned calls when {@code dtm.callback.verify=true};
     * {@code null} checks nothing
     */
    public BranchBarrierInterceptor(Class<? extends Annotation> annotationType, String op,
            ObjectProvider<JdbcBarrier> barrier, LocalTransactions localTransactions,
            ObjectProvider<SignedCallbackGuard> guard) {
        this.annotationType = annotationType;
        this.op = op;
        this.barrier = barrier;
        this.localTransactions = localTransactions;
        this.guard = guard;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        DtmTransaction bound = DtmContextHolder.get();
        if (bound == null) {
            throw new IllegalStateException("@" + this.annotationType.getSimpleName() + " handler "
                    + AnnotatedMethods.describe(invocation.getMethod()) + " was called without dtm's query parameters "
                    + "(gid, trans_type, branch_id, op): it runs only as a branch called by the dtm coordinator or an initiator");
        }
        SignedCallbackGuard signed = (this.guard != null) ? this.guard.getIfAvailable() : null;
        if (signed != null) {
            signed.requireSignedHandler("@" + this.annotationType.getSimpleName() + " handler "
                    + AnnotatedMethods.describe(invocation.getMethod()));
        }
        String branchOp = (this.op != null) ? this.op : bound.op();
        BranchBarrier branchBarrier = branchOp.equals(bound.op()) ? BranchBarrier.from(bound)
                : BranchBarrier.of(bound.transType(), bound.gid(), bound.branchId(), branchOp);
        JdbcBarrier jdbcBarrier = this.barrier.getObject();
        Object[] result = new Object[1];
        this.localTransactions.run(() -> jdbcBarrier.call(branchBarrier, jdbcBarrier.defaultDataSource(),
                (jdbc) -> result[0] = AnnotatedMethods.proceed(invocation)));
        return result[0];
    }

}
