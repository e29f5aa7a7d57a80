package io.dtm.spring.annotation.support;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

import io.dtm.protocol.DtmDuplicatedException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.UnfinishedStepTasksException;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import io.dtm.spring.context.InitiatorRecording;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Runs a {@link DtmMsg} method as the local business of a 2-phase message. In one local
 * transaction: the msg barrier row, the method (whose {@link DtmStep} calls are recorded
 * as the message's steps), then the prepare; after the commit, the submit. The prepare
 * comes after the method because the steps it records must be part of it, and before the
 * commit so that the coordinator knows the message before its business can be visible: a
 * crash after the commit leaves a prepared message that the back-check
 * ({@code query_prepared}) finds committed.
 */
public class DtmMsgInterceptor implements MethodInterceptor {

    private final ObjectProvider<DtmClient> client;

    private final ObjectProvider<JdbcBarrier> barrier;

    private final LocalTransactions localTransactions;

    private final Supplier<String> defaultQueryPrepared;

    private final PropertyResolver propertyResolver;

    private final Map<Method, InitiatorOptions> options = new ConcurrentHashMap<>();

    private final AsyncStepWait asyncStepWait;

    public DtmMsgInterceptor(ObjectProvider<DtmClient> client, ObjectProvider<JdbcBarrier> barrier,
            LocalTransactions localTransactions, Supplier<String> defaultQueryPrepared,
            PropertyResolver propertyResolver) {
        this.client = client;
        this.barrier = barrier;
        this.localTransactions = localTransactions;
        this.defaultQueryPrepared = defaultQueryPrepared;
        this.propertyResolver = propertyResolver;
        this.asyncStepWait = new AsyncStepWait(propertyResolver);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = AnnotatedMethods.specificMethod(invocation);
        DtmMsg annotation = AnnotatedMethods.find(invocation, DtmMsg.class);
        InitiatorOptions options = this.options.computeIfAbsent(method,
                (key) -> InitiatorOptions.of(annotation, key, this.propertyResolver));
        String queryPrepared = StringUtils.hasText(annotation.queryPrepared())
                ? this.propertyResolver.resolveRequiredPlaceholders(annotation.queryPrepared())
                : this.defaultQueryPrepared.get();
        DtmClient dtm = this.client.getObject();
        String initiator = "the @DtmMsg " + AnnotatedMethods.describe(method);
        String gid = options.gid(method, invocation.getArguments(), dtm::newGid);
        if (options.callerChosenGid()) {
            ExistingTransaction existing = ExistingTransaction.find(dtm, gid);
            if (existing != null) {
                return existing.answer(TransType.MSG.wireName(), method, initiator);
            }
        }
        Msg msg = options.applyTo(dtm.msg(gid));
        if (options.concurrent()) {
            msg.enableConcurrent();
        }
        JdbcBarrier jdbcBarrier = this.barrier.getObject();
        DataSource dataSource = jdbcBarrier.defaultDataSource();
        BranchBarrier msgBarrier = BranchBarrier.msg(msg.gid());
        Object[] result = new Object[1];
        boolean[] prepared = new boolean[1];
        try {
            this.localTransactions.run(() -> jdbcBarrier.call(msgBarrier, dataSource, (jdbc) -> {
                StepRecording recording = new StepRecording(msg, initiator);
                InitiatorRecording previous = StepRecording.start(recording);
                try {
                    try {
                        result[0] = AnnotatedMethods.proceed(invocation);
                    }
                    catch (Exception | Error ex) {
                        recording.close();
                        throw ex;
                    }
                    // before the prepare, so that the steps of the tasks it handed out
                    // are in it; past the wait the local transaction rolls back and
                    // nothing was prepared
                    recording.awaitTasksThenClose(this.asyncStepWait.get(), UnfinishedStepTasksException.WAIT_PROPERTY);
                }
                finally {
                    StepRecording.restore(previous);
                }
                msg.prepare(queryPrepared);
                prepared[0] = true;
            }));
        }
        catch (RuntimeException | Error ex) {
            if (prepared[0]) {
                abortIfRolledBack(msg, jdbcBarrier, dataSource, ex);
            }
            else if (options.callerChosenGid()
                    && (ex instanceof DtmDuplicatedException || ex instanceof DtmFailureException)) {
                // another call committed this gid first (its barrier row is taken), or
                // the coordinator refused the prepare: nothing was done here
                return ExistingTransaction.answerRefusal(dtm, gid, (RuntimeException) ex, TransType.MSG.wireName(),
                        method, initiator);
            }
            throw ex;
        }
        msg.submit();
        return result[0];
    }

    /**
     * The commit failed after the prepare: if the local transaction did roll back, abort
     * at once rather than leave it to the coordinator's back-check.
     */
    private void abortIfRolledBack(Msg msg, JdbcBarrier jdbcBarrier, DataSource dataSource, Throwable error) {
        try {
            jdbcBarrier.queryPrepared(msg.gid(), dataSource);
        }
        catch (DtmFailureException rolledBack) {
            try {
                msg.request().setRollbackReason(String.valueOf(error.getMessage()));
                this.client.getObject().abort(msg.request());
            }
            catch (RuntimeException abortError) {
                error.addSuppressed(abortError);
            }
        }
        catch (RuntimeException checkError) {
            error.addSuppressed(checkError);
        }
    }

}
