package io.dtm.coordinator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.model.TransBranch;
import io.dtm.coordinator.model.TransGlobal;
import io.dtm.coordinator.model.TransStatus;
import io.dtm.coordinator.model.TransType;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore.BranchUpdate;

/**
 * One processing pass over one global transaction: the in-memory copy of the global and the operations a mode
 * processor uses on it. Every status write is a compare-and-set against the status held here, so a pass that
 * lost a race to another replica stops with {@link StatusConflictException}.
 */
public final class TransRun {

    private static final Logger log = LoggerFactory.getLogger(TransRun.class);

    private static final Duration TOUCH_RESET_AFTER = Duration.ofMillis(1500);

    private final TransGlobal global;
    private final EngineContext ctx;
    private Instant lastTouched;
    /** Branch results not yet stored: written with the next status change, or by {@link #flushBranches()}. */
    private final List<BranchUpdate> pendingBranches = new ArrayList<>();

    TransRun(TransGlobal global, EngineContext ctx) {
        this.global = global;
        this.ctx = ctx;
        this.lastTouched = ctx.clock().instant();
    }

    public TransGlobal global() {
        return global;
    }

    public String status() {
        return global.getStatus();
    }

    Instant now() {
        return ctx.clock().instant();
    }

    EngineContext context() {
        return ctx;
    }

    /** The timeout in seconds: the transaction's own, else the server's, except that saga has none by default. */
    long timeoutToFail() {
        long own = global.getOptions().getTimeoutToFail();
        if (own > 0 || TransType.SAGA.equals(global.getTransType())) {
            return own;
        }
        return ctx.settings().timeoutToFail().toSeconds();
    }

    boolean isTimeout() {
        long timeout = timeoutToFail();
        return timeout > 0 && global.getCreateTime() != null
                && !now().isBefore(global.getCreateTime().plusSeconds(timeout));
    }

    /** dtm's wording, with the transaction's own timeout (0 when the server default applied). */
    String timeoutReason() {
        return "Timeout after " + global.getOptions().getTimeoutToFail() + " seconds";
    }

    void changeStatus(String newStatus) {
        changeStatus(newStatus, null, null);
    }

    void changeStatus(String newStatus, String rollbackReason, String result) {
        String old = global.getStatus();
        Instant now = now();
        global.setStatus(newStatus);
        global.setUpdateTime(now);
        if (TransStatus.SUCCEED.equals(newStatus)) {
            global.setFinishTime(now);
        }
        else if (TransStatus.FAILED.equals(newStatus)) {
            global.setRollbackTime(now);
        }
        if (rollbackReason != null) {
            global.setRollbackReason(truncate(rollbackReason, 1024));
        }
        if (result != null) {
            global.setResult(result);
        }
        List<BranchUpdate> branches = takePendingBranches();
        if (!ctx.store().changeGlobalStatus(global, old, branches)) {
            global.setStatus(old);
            throw new StatusConflictException("gid " + global.getGid() + " is no longer '" + old
                    + "': another process changed it first");
        }
        log.info("status change gid={} trans_type={} {} -> {}{}", global.getGid(), global.getTransType(), old,
                newStatus, rollbackReason == null ? "" : " reason=" + rollbackReason);
    }

    /**
     * Calls a branch, records a final branch status, and times the next retry by the result (protocol §3.5, §4.5).
     * The branch status is stored with the pass's next status change or at its end: one store transaction instead
     * of one per branch. A crash before that re-runs the branch, which branches must tolerate anyway (the barrier).
     */
    BranchCallResult execBranch(TransBranch branch, int position) {
        BranchCallResult result = ctx.caller().call(global, branch.getUrl(), branch.getBinData(),
                branch.getBranchId(), branch.getOp());
        String newStatus = null;
        if (result.isSuccess()) {
            newStatus = TransStatus.SUCCEED;
        }
        else if (result.result() == DtmResult.FAILURE && TransType.SAGA.equals(global.getTransType())
                && TransType.OP_ACTION.equals(branch.getOp())) {
            newStatus = TransStatus.FAILED;
        }
        if (newStatus != null) {
            Instant now = now();
            branch.setStatus(newStatus);
            branch.setFinishTime(now);
            branch.setUpdateTime(now);
            synchronized (pendingBranches) {
                pendingBranches.add(new BranchUpdate(branch, position));
            }
        }
        timeNextRetry(result, branch.getUrl());
        return result;
    }

    /** Stores the branch results of this pass that no status change has stored yet. */
    void flushBranches() {
        List<BranchUpdate> branches = takePendingBranches();
        if (!branches.isEmpty()) {
            ctx.store().updateBranchStatuses(global.getGid(), global.getStatus(), branches);
        }
    }

    private List<BranchUpdate> takePendingBranches() {
        synchronized (pendingBranches) {
            List<BranchUpdate> taken = List.copyOf(pendingBranches);
            pendingBranches.clear();
            return taken;
        }
    }

    /** Times the next retry after a call that was not a branch (the msg back-check). */
    void timeNextRetry(BranchCallResult result, String url) {
        if (result.isSuccess()) {
            long interval = global.getNextCronInterval();
            if (Duration.between(lastTouched, now()).compareTo(TOUCH_RESET_AFTER) >= 0
                    || interval > ctx.settings().retryInterval().toSeconds()
                            && interval > global.getOptions().getRetryInterval()) {
                touchCronTime(CronType.RESET);
            }
        }
        else if (result.result() == DtmResult.ONGOING) {
            touchCronTime(CronType.KEEP);
        }
        else {
            touchCronTime(CronType.BACKOFF);
            ctx.alertWebhook().maybeAlert(global, baseInterval(), url, result.message());
        }
    }

    void touchCronTime(CronType type) {
        long interval = nextCronInterval(type);
        touchCronTime(interval, now().plusSeconds(interval));
    }

    void touchCronTime(long interval, Instant next) {
        Instant now = now();
        lastTouched = now;
        global.setNextCronInterval(interval);
        global.setNextCronTime(next);
        ctx.store().touchCronTime(global, interval, next, now);
    }

    private long nextCronInterval(CronType type) {
        return switch (type) {
            case BACKOFF -> Math.max(1, global.getNextCronInterval()) * 2;
            case KEEP -> global.getNextCronInterval();
            case RESET -> baseInterval();
        };
    }

    /** The base retry interval of a transaction (protocol §4.5). */
    long baseInterval() {
        return baseInterval(global, ctx.settings());
    }

    static long baseInterval(TransGlobal g, EngineSettings settings) {
        long serverInterval = settings.retryInterval().toSeconds();
        long own = g.getOptions().getRetryInterval();
        long timeout = g.getOptions().getTimeoutToFail();
        if (own > 0) {
            return own;
        }
        if (timeout > 0 && timeout < serverInterval) {
            return timeout;
        }
        return serverInterval;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
