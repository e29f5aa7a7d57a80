package io.dtm.spring.annotation.support;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.UnfinishedStepTasksException;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.context.InitiatorRecording;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.PropertyResolver;

/**
 * Runs a {@link GlobalSaga} method: records the {@link DtmStep} calls it makes, on its
 * thread and on the threads it hands work to with dtm's context, then submits the saga if
 * the method returned normally, once the tasks it handed out with dtm's context have
 * ended (see {@link StepRecording}). Nothing is submitted if it threw, or if such a task
 * threw or was still running after {@code dtm.annotations.async-step-wait}. Either way
 * the recording is closed before anything is submitted: a step that comes later is
 * refused.
 */
public class GlobalSagaInterceptor implements MethodInterceptor {

    private final ObjectProvider<DtmClient> client;

    private final PropertyResolver propertyResolver;

    private final Map<Method, InitiatorOptions> options = new ConcurrentHashMap<>();

    private final AsyncStepWait asyncStepWait;

    public GlobalSagaInterceptor(ObjectProvider<DtmClient> client, PropertyResolver propertyResolver) {
        this.client = client;
        this.propertyResolver = propertyResolver;
        this.asyncStepWait = new AsyncStepWait(propertyResolver);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = AnnotatedMethods.specificMethod(invocation);
        rejectNested(method);
        InitiatorOptions options = this.options.computeIfAbsent(method, (key) -> InitiatorOptions
            .of(AnnotatedMethods.find(invocation, GlobalSaga.class), key, this.propertyResolver));
        DtmClient dtm = this.client.getObject();
        String initiator = "the @GlobalSaga " + AnnotatedMethods.describe(method);
        String gid = options.gid(method, invocation.getArguments(), dtm::newGid);
        if (options.callerChosenGid()) {
            ExistingTransaction existing = ExistingTransaction.find(dtm, gid);
            if (existing != null) {
                return existing.answer(TransType.SAGA.wireName(), method, initiator);
            }
        }
        Saga saga = options.applyTo(dtm.saga(gid));
        if (options.concurrent()) {
            saga.enableConcurrent();
        }
        StepRecording recording = new StepRecording(saga, initiator);
        InitiatorRecording previous = StepRecording.start(recording);
        Object result;
        try {
            try {
                result = invocation.proceed();
            }
            catch (Throwable ex) {
                recording.close();
                throw ex;
            }
            recording.awaitTasksThenClose(this.asyncStepWait.get(), UnfinishedStepTasksException.WAIT_PROPERTY);
        }
        finally {
            StepRecording.restore(previous);
        }
        for (int[] order : options.orders()) {
            saga.addBranchOrder(order[0], Arrays.copyOfRange(order, 1, order.length));
        }
        try {
            saga.submit();
        }
        catch (DtmFailureException ex) {
            if (!options.callerChosenGid()) {
                throw ex;
            }
            // another call submitted this gid first and its saga finished
            return ExistingTransaction.answerRefusal(dtm, gid, ex, TransType.SAGA.wireName(), method, initiator);
        }
        return result;
    }

    private static void rejectNested(Method method) {
        String outer = null;
        StepRecording recording = StepRecording.current();
        if (recording != null && recording.isOpen() && recording.transaction() instanceof Saga saga) {
            outer = "the @GlobalSaga " + saga.gid();
        }
        DtmTransaction bound = DtmContextHolder.get();
        if (outer == null && bound != null && TransType.SAGA.is(bound.transType())) {
            outer = "saga " + bound.gid() + " (while handling its branch " + bound.branchId() + ")";
        }
        if (outer != null) {
            throw new IllegalStateException("@GlobalSaga " + AnnotatedMethods.describe(method) + " was called inside "
                    + outer + ": sagas do not nest. Record the work as steps of the outer saga "
                    + "(@DtmStep Feign calls or GlobalTransaction.currentSaga().add(...)), or call the method outside it");
        }
    }

}
