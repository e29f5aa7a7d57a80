package io.dtm.coordinator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.model.TransBranch;
import io.dtm.coordinator.model.TransGlobal;
import io.dtm.coordinator.model.TransType;
import io.dtm.coordinator.store.StatusConflictException;

/** Runs processing passes: inline for wait_result and the poller, in the background otherwise. */
public class TransProcessor {

    private static final Logger log = LoggerFactory.getLogger(TransProcessor.class);

    private final EngineContext ctx;
    private final Map<String, ModeProcessor> modes;
    private final Executor processExecutor;
    private final List<TransProcessedListener> listeners;

    public TransProcessor(EngineContext ctx, TopicService topics, Executor processExecutor,
            List<TransProcessedListener> listeners) {
        this.ctx = ctx;
        this.modes = Map.of(TransType.SAGA, new SagaProcessor(), TransType.MSG, new MsgProcessor(topics),
                TransType.TCC, new TccProcessor(), TransType.XA, new XaProcessor(), TransType.WORKFLOW,
                new WorkflowProcessor());
        this.processExecutor = processExecutor;
        this.listeners = List.copyOf(listeners);
    }

    EngineContext context() {
        return ctx;
    }

    List<TransBranch> generateBranches(TransGlobal g, Instant now) {
        return modes.get(g.getTransType()).generateBranches(g, now);
    }

    /**
     * Processes in the background; if the pool is saturated the transaction is already stored and the poller takes
     * it. A pass that could only start after the transaction fell due is skipped: a poller may have claimed it by
     * then, and two passes at once would call branches twice.
     */
    void processAsync(TransGlobal g, List<TransBranch> branches) {
        Instant due = g.getNextCronTime();
        boolean dueLater = due != null && ctx.clock().instant().isBefore(due);
        try {
            processExecutor.execute(() -> {
                if (dueLater && !ctx.clock().instant().isBefore(due)) {
                    log.info("gid={} waited past its retry time to be processed; left to the recovery poller",
                            g.getGid());
                    return;
                }
                processQuietly(g, branches);
            });
        }
        catch (RejectedExecutionException ex) {
            log.warn("process queue full, gid={} left to the recovery poller", g.getGid());
        }
    }

    /** One pass whose errors are logged, not thrown: the poller retries what is left. */
    void processQuietly(TransGlobal g, List<TransBranch> branches) {
        try {
            processOnce(g, branches);
        }
        catch (DtmException ex) {
            if (ex.result() == DtmResult.ONGOING) {
                log.debug("gid={} ongoing: {}", g.getGid(), ex.getMessage());
            }
            else {
                log.warn("gid={} pass ended with an error, will retry: {}", g.getGid(), ex.getMessage());
            }
        }
        catch (StatusConflictException ex) {
            log.info("gid={} pass stopped: {}", g.getGid(), ex.getMessage());
        }
        catch (RuntimeException ex) {
            log.error("gid={} pass failed, will retry", g.getGid(), ex);
        }
    }

    /** One pass whose errors reach the caller (a submit with wait_result). */
    void processOnce(TransGlobal g, List<TransBranch> branches) {
        TransRun run = new TransRun(g, ctx);
        RuntimeException failure = null;
        try {
            modes.get(g.getTransType()).processOnce(run, branches);
        }
        catch (CompletionException ex) {
            failure = ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
        catch (RuntimeException ex) {
            failure = ex;
        }
        try {
            // branch results of a pass that stopped early are facts too: keep them so they are not re-run
            run.flushBranches();
        }
        catch (RuntimeException ex) {
            if (failure == null) {
                failure = ex;
            }
        }
        finally {
            for (TransProcessedListener listener : listeners) {
                listener.processed(g);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
