package io.dtm.coordinator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.coordinator.engine.mode.ModeProcessor;
import io.dtm.coordinator.engine.mode.Modes;
import io.dtm.coordinator.engine.run.EngineContext;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.coordinator.engine.support.EngineMdc;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransType;

/**
 * Runs processing passes: inline for wait_result and the poller, in the background
 * otherwise. Every pass runs under the hold its caller took (a poller claim, a submit, an
 * abort) and ends by storing what it learnt and giving the hold up
 * ({@link TransRun#end}).
 */
public class TransProcessor {

    private static final Logger log = LoggerFactory.getLogger(TransProcessor.class);

    private final EngineContext ctx;

    private final Map<TransType, ModeProcessor> modes;

    private final Executor processExecutor;

    private final List<TransProcessedListener> listeners;

    TransProcessor(EngineContext ctx, TopicService topics, Executor processExecutor,
            List<TransProcessedListener> listeners) {
        this.ctx = ctx;
        this.modes = Modes.processors(topics);
        this.processExecutor = processExecutor;
        this.listeners = List.copyOf(listeners);
    }

    EngineContext context() {
        return ctx;
    }

    private ModeProcessor mode(TransGlobal g) {
        return mode(g.getTransType());
    }

    ModeProcessor mode(TransType type) {
        return modes.get(type);
    }

    List<TransBranch> generateBranches(TransGlobal g, Instant now) {
        return mode(g).generateBranches(g, now);
    }

    /**
     * Processes in the background; if the pool is saturated the transaction is already
     * stored and the poller takes it when its hold ends. A pass that could only start
     * after its hold left no time for a branch call is skipped: the poller may take it
     * over any moment.
     */
    void processAsync(TransGlobal g, List<TransBranch> branches) {
        try {
            processExecutor.execute(() -> {
                if (!new TransRun(g, ctx).canStartBranch()) {
                    log.info("gid={} waited too long to be processed; left to the recovery poller",
                            LogSafe.escape(g.getGid()));
                    return;
                }
                processQuietly(g, branches);
            });
        }
        catch (RejectedExecutionException ex) {
            log.warn("process queue full, gid={} left to the recovery poller", LogSafe.escape(g.getGid()));
        }
    }

    /**
     * One pass whose errors are logged, not thrown: the poller retries what is left.
     * Nothing it throws escapes, {@link Error}s included: an internal error was recorded
     * on the transaction and backed off by the pass itself ({@link TransRun#end}).
     * @return {@code false} when the pass ended with an internal error of the coordinator
     */
    boolean processQuietly(TransGlobal g, List<TransBranch> branches) {
        try {
            processOnce(g, branches);
            return true;
        }
        catch (DtmException ex) {
            if (ex instanceof DtmOngoingException) {
                log.debug("gid={} ongoing: {}", LogSafe.escape(g.getGid()), LogSafe.escape(ex.getMessage()));
            }
            else {
                log.warn("gid={} pass ended with an error, will retry: {}", LogSafe.escape(g.getGid()),
                        LogSafe.escape(ex.getMessage()));
            }
            return true;
        }
        catch (StatusConflictException ex) {
            log.info("gid={} pass stopped: {}", LogSafe.escape(g.getGid()), LogSafe.escape(ex.getMessage()));
            return true;
        }
        catch (Throwable ex) {
            // an internal error, an Error (OutOfMemoryError, StackOverflowError, ...)
            // included: recorded on the transaction and logged by TransRun.end, once per
            // escalation
            log.debug("gid={} pass failed", LogSafe.escape(g.getGid()), ex);
            return false;
        }
    }

    /**
     * Backs off a transaction the poller claimed but could not run a pass on (reading its
     * branches failed, for instance ran out of memory): records the error on it and moves
     * its next_cron_time out by the doubled retry interval, as a pass that fails with an
     * internal error does ({@link TransRun#end}), so one transaction that cannot be
     * processed does not come back every hold.
     * <p>
     * The write is the same compare-and-set on status and owner as every write of a pass:
     * it lands only while {@code g} is still held by the claim that read it. If the hold
     * ran out meanwhile and another replica claimed the transaction, the write changes
     * nothing, so it can never overwrite that replica's progress or retry time.
     */
    void backOff(TransGlobal g, Throwable error) {
        if (Thread.currentThread().isInterrupted()) {
            log.info("gid={} pass interrupted by shutdown; left to the next pass", LogSafe.escape(g.getGid()));
            return;
        }
        try (EngineMdc.Scope mdc = EngineMdc.transaction(g.getGid(), g.getTransType())) {
            new TransRun(g, ctx).end(error);
        }
        catch (StatusConflictException ex) {
            log.debug("gid={} taken over before it could be backed off: {}", LogSafe.escape(g.getGid()),
                    LogSafe.escape(ex.getMessage()));
        }
        catch (Throwable ex) {
            log.warn("gid={} could not be backed off after its pass failed; retried when its hold ends: {}",
                    LogSafe.escape(g.getGid()), LogSafe.reply(String.valueOf(ex)));
        }
    }

    /** One pass whose errors reach the caller (a submit with wait_result). */
    void processOnce(TransGlobal g, List<TransBranch> branches) {
        try (EngineMdc.Scope mdc = EngineMdc.transaction(g.getGid(), g.getTransType())) {
            processTraced(g, branches);
        }
    }

    private void processTraced(TransGlobal g, List<TransBranch> branches) {
        TransRun run = new TransRun(g, ctx);
        BranchTracer.Pass trace = ctx.tracer().startPass(g);
        run.trace(trace);
        Throwable failure = null;
        try {
            processPass(run, branches);
        }
        catch (RuntimeException | Error ex) {
            failure = ex;
            throw ex;
        }
        finally {
            trace.end(failure);
        }
    }

    private void processPass(TransRun run, List<TransBranch> branches) {
        TransGlobal g = run.global();
        Throwable failure = null;
        Throwable internalError = null;
        try {
            run.ensureHold();
            mode(g).processOnce(run, branches);
        }
        catch (CompletionException ex) {
            failure = ex.getCause() instanceof RuntimeException || ex.getCause() instanceof Error ? ex.getCause() : ex;
        }
        catch (RuntimeException | Error ex) {
            // an Error too (OutOfMemoryError, StackOverflowError, an AssertionError):
            // the pass still ends under its hold, so the transaction is backed off
            // instead of coming back every hold
            failure = ex;
        }
        if (Thread.currentThread().isInterrupted()) {
            // the coordinator is shutting down: the pass stopped, nothing is wrong with
            // the transaction
            log.info("gid={} pass interrupted by shutdown; the next pass goes on from what was stored",
                    LogSafe.escape(g.getGid()));
        }
        else if (failure != null && !(failure instanceof DtmException)
                && !(failure instanceof StatusConflictException)) {
            internalError = failure;
        }
        try {
            // branch results of a pass that stopped early are facts too: keep them so
            // they are not re-run
            run.end(internalError);
        }
        catch (StatusConflictException ex) {
            log.debug("gid={} taken over before the pass could end: {}", LogSafe.escape(g.getGid()),
                    LogSafe.escape(ex.getMessage()));
        }
        catch (RuntimeException | Error ex) {
            if (failure == null) {
                failure = ex;
            }
        }
        finally {
            for (TransProcessedListener listener : listeners) {
                listener.processed(g);
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

}
