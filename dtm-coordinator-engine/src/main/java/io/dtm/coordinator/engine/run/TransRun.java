package io.dtm.coordinator.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore.BranchUpdate;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.protocol.WireTime;

/**
 * One processing pass over one global transaction: the in-memory copy of the global, the
 * hold ({@link Lease}) the pass runs under, and the operations a mode processor uses on
 * it. The rules that keep overlapping passes safe (docs/coordinator.md, "One pass at a
 * time"):
 * <ul>
 * <li>every write of the pass is a compare-and-set on the status and the owner it holds,
 * so a pass whose hold was taken over can no longer write and stops with
 * {@link StatusConflictException};</li>
 * <li>a branch call starts only while the hold still covers the whole call
 * ({@link #canStartBranch()});</li>
 * <li>branch results a later start depends on are stored before that start
 * ({@link #storeResults()});</li>
 * <li>retry times are decided in memory and written when the pass ends ({@link #end}), so
 * a pass never makes its own transaction due while it runs.</li>
 * </ul>
 */
public final class TransRun {

    private static final Logger log = LoggerFactory.getLogger(TransRun.class);

    private static final Duration TOUCH_RESET_AFTER = Duration.ofMillis(1500);

    private final TransGlobal global;

    private final EngineContext ctx;

    private final Instant started;

    /**
     * Branch results not yet stored: written before a dependent start, with the next
     * status change, or at the end.
     */
    private final List<BranchUpdate> pendingBranches = new ArrayList<>();

    private final AtomicInteger callsInFlight = new AtomicInteger();

    private Lease lease;

    private Instant plannedNext;

    private BranchTracer.Pass trace = BranchTracer.Pass.NONE;

    public TransRun(TransGlobal global, EngineContext ctx) {
        this.global = global;
        this.ctx = ctx;
        this.started = ctx.clock().instant();
        this.lease = Lease.of(global.getOwner());
    }

    public TransGlobal global() {
        return global;
    }

    public TransStatus status() {
        return global.getStatus();
    }

    public Instant now() {
        return ctx.clock().instant();
    }

    public EngineContext context() {
        return ctx;
    }

    public BranchTracer.Pass trace() {
        return trace;
    }

    public void trace(BranchTracer.Pass trace) {
        this.trace = trace;
    }

    // -------------------------------------------------------------------------------------------
    // the hold

    /**
     * The longest one branch call of {@code g} can take: its request timeout, the
     * deadline at which the {@link io.dtm.coordinator.engine.call.BranchCaller} cuts it,
     * from the wait for a connection through the last byte of the reply.
     */
    public static Duration callBudget(TransGlobal g, EngineSettings settings) {
        return requestTimeout(g, settings);
    }

    public static Duration requestTimeout(TransGlobal g, EngineSettings settings) {
        long own = g.getOptions().getRequestTimeout();
        if (own <= 0) {
            return settings.requestTimeout();
        }
        return Duration.ofSeconds(Math.min(own, EngineSettings.MAX_REQUEST_TIMEOUT.toSeconds()));
    }

    /**
     * How long a pass over {@code g} holds it: its window to start calls, the last call,
     * and the margin.
     */
    public static Duration hold(TransGlobal g, EngineSettings settings) {
        return hold(requestTimeout(g, settings), settings);
    }

    /**
     * The hold of a transaction with the server's request timeout: what the poller claims
     * for.
     */
    public static Duration defaultHold(EngineSettings settings) {
        return hold(settings.requestTimeout(), settings);
    }

    /** The longest hold of any transaction. */
    public static Duration maxHold(EngineSettings settings) {
        return hold(EngineSettings.MAX_REQUEST_TIMEOUT, settings);
    }

    private static Duration hold(Duration requestTimeout, EngineSettings settings) {
        return settings.passWindow().plus(requestTimeout).plus(settings.claimMargin());
    }

    /**
     * Sets a new hold on the in-memory global, from now, for a pass that is about to
     * start.
     */
    public static Lease newLease(TransGlobal g, EngineContext ctx) {
        Lease lease = Lease.take(ctx.clock().instant(), hold(g, ctx.settings()));
        g.setOwner(lease.owner());
        g.setNextCronTime(lease.until());
        return lease;
    }

    /**
     * Whether a branch call started now ends, whatever it does, before the hold does
     * (less the margin) and within the pass's window; past that another pass may take the
     * transaction over, so this one starts nothing more.
     */
    public boolean canStartBranch() {
        Instant now = now();
        Duration budget = callBudget(global, ctx.settings());
        return now.isBefore(started.plus(ctx.settings().passWindow()))
                && !now.plus(budget).isAfter(lease.until().minus(ctx.settings().claimMargin()));
    }

    /**
     * Makes sure the hold covers a whole pass from now (a poller claim holds for the
     * server's request timeout).
     */
    public void ensureHold() {
        Instant needed = now().plus(hold(global, ctx.settings()));
        if (!lease.until().isBefore(needed) || moveHold(global.getOwner())) {
            return;
        }
        throw new StatusConflictException(
                "gid " + global.getGid() + " was taken over before its hold could be " + "extended");
    }

    /**
     * Takes a transaction over for a request that is not a pass (submit of a prepared
     * transaction, abort, forceStop): a compare-and-set on the status alone, with a new
     * hold for the pass that may follow.
     */
    public void takeOver(TransStatus newStatus, String rollbackReason, String result) {
        lease = newLease(global, ctx);
        writeStatus(newStatus, rollbackReason, result, null);
    }

    /**
     * {@link #takeOver} that reads the branches after the change, in the same store
     * request where the store can: every branch registered before the change is among
     * them, and none can be registered after it.
     */
    public List<TransBranch> takeOverReadingBranches(TransStatus newStatus, String rollbackReason) {
        lease = newLease(global, ctx);
        return writeStatus(newStatus, rollbackReason, null, null, true);
    }

    /**
     * Claims a transaction nobody holds (a repeated submit or abort): {@code false} when
     * a pass holds it now or another request claimed it first.
     */
    public boolean claimIfIdle() {
        return !Lease.of(global.getOwner()).heldAt(now()) && moveHold(global.getOwner());
    }

    /**
     * A new hold from now, written only while the stored owner is still
     * {@code expectedOwner}.
     */
    private boolean moveHold(String expectedOwner) {
        Instant previousNext = global.getNextCronTime();
        Lease moved = newLease(global, ctx);
        if (!ctx.store().touchCronTime(global, expectedOwner, now())) {
            global.setOwner(expectedOwner);
            global.setNextCronTime(previousNext);
            return false;
        }
        lease = moved;
        return true;
    }

    // -------------------------------------------------------------------------------------------
    // status

    /**
     * The timeout in seconds: the transaction's own, else the server's, except that saga
     * has none by default.
     */
    public long timeoutToFail() {
        long own = global.getOptions().getTimeoutToFail();
        if (own > 0 || global.getTransType() == TransType.SAGA) {
            return own;
        }
        return ctx.settings().timeoutToFail().toSeconds();
    }

    public boolean isTimeout() {
        long timeout = timeoutToFail();
        return timeout > 0 && global.getCreateTime() != null
                && !now().isBefore(global.getCreateTime().plusSeconds(timeout));
    }

    /**
     * dtm's wording, with the transaction's own timeout (0 when the server default
     * applied).
     */
    public String timeoutReason() {
        return "Timeout after " + global.getOptions().getTimeoutToFail() + " seconds";
    }

    public void changeStatus(TransStatus newStatus) {
        changeStatus(newStatus, null, null);
    }

    /**
     * A status change of the pass, with the results not stored yet, under the pass's
     * hold.
     */
    public void changeStatus(TransStatus newStatus, String rollbackReason, String result) {
        writeStatus(newStatus, rollbackReason, result, global.getOwner());
    }

    private void writeStatus(TransStatus newStatus, String rollbackReason, String result, String expectedOwner) {
        writeStatus(newStatus, rollbackReason, result, expectedOwner, false);
    }

    /**
     * @return with {@code readBranches}, the branches read after the change; else
     * {@code null}
     */
    private List<TransBranch> writeStatus(TransStatus newStatus, String rollbackReason, String result,
            String expectedOwner, boolean readBranches) {
        TransStatus old = global.getStatus();
        Instant now = now();
        global.setStatus(newStatus);
        global.setUpdateTime(now);
        if (newStatus == TransStatus.SUCCEED) {
            global.setFinishTime(now);
        }
        else if (newStatus == TransStatus.FAILED) {
            global.setRollbackTime(now);
        }
        if (rollbackReason != null) {
            global.setRollbackReason(truncate(rollbackReason, 1024));
        }
        if (result != null) {
            global.setResult(result);
        }
        List<BranchUpdate> branches = takePendingBranches();
        boolean changed;
        List<TransBranch> read = null;
        try {
            if (readBranches && branches.isEmpty()) {
                read = ctx.store()
                    .changeGlobalStatusThenFindBranches(global, old.wireName(), expectedOwner)
                    .orElse(null);
                changed = read != null;
            }
            else {
                changed = ctx.store().changeGlobalStatus(global, old.wireName(), expectedOwner, branches);
            }
        }
        catch (RuntimeException | Error ex) {
            // nothing was written: the pass ends (and backs off) from the stored status,
            // and still tries to store its results
            global.setStatus(old);
            synchronized (pendingBranches) {
                pendingBranches.addAll(0, branches);
            }
            throw ex;
        }
        if (!changed) {
            global.setStatus(old);
            throw new StatusConflictException("gid " + global.getGid() + " is no longer '" + old
                    + "' under this pass's hold: another process changed it first");
        }
        log.info("status change gid={} trans_type={} {} -> {}{}", LogSafe.escape(global.getGid()),
                global.getTransType(), old, newStatus,
                rollbackReason == null ? "" : " reason=" + LogSafe.escape(rollbackReason));
        if (readBranches && read == null) {
            read = ctx.store().findBranches(global.getGid());
        }
        return read;
    }

    // -------------------------------------------------------------------------------------------
    // branches

    /**
     * Calls a branch, records a final branch status, and plans the next retry by the
     * result. The branch status is stored before any branch that depends on it starts
     * ({@link #storeResults()}), else with the pass's next status change or at its end. A
     * crash before that re-runs the branch, which branches must tolerate anyway (the
     * barrier).
     */
    public BranchCallResult execBranch(TransBranch branch, int position) {
        BranchCallResult result = callBranch(branch, position);
        timeNextRetry(result, branch.getUrl());
        return result;
    }

    /**
     * As {@link #execBranch}, without planning the next retry: for calls made side by
     * side whose retry is planned once, by the worst of their results.
     */
    public BranchCallResult callBranch(TransBranch branch, int position) {
        callsInFlight.incrementAndGet();
        BranchCallResult result;
        try {
            result = ctx.caller()
                .call(global, branch.getUrl(), branch.getBinData(), branch.getBranchId(), branch.getOp(), trace);
        }
        finally {
            callsInFlight.decrementAndGet();
        }
        TransStatus newStatus = null;
        if (result.isSuccess()) {
            newStatus = TransStatus.SUCCEED;
        }
        else if (result.result() == ReplyOutcome.FAILURE && global.getTransType() == TransType.SAGA
                && BranchOp.ACTION.is(branch.getOp())) {
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
        noteBranchResult(branch, result);
        return result;
    }

    /**
     * Keeps the last failed call in ext_data (written with the pass's next store write),
     * until the same branch and operation succeed. A FAILURE of a forward operation
     * (action, try) is the business saying no, not a failed call.
     */
    private synchronized void noteBranchResult(TransBranch branch, BranchCallResult result) {
        if (result.isSuccess()) {
            TransMarks.branchSucceeded(global, branch.getBranchId(), branch.getOp());
        }
        else if (result.result() == ReplyOutcome.RETRYABLE || result.result() == ReplyOutcome.FAILURE
                && !BranchOp.ACTION.is(branch.getOp()) && !BranchOp.TRY.is(branch.getOp())) {
            TransMarks.branchFailed(global, branch.getBranchId(), branch.getOp(), branch.getUrl(), result.message(),
                    now());
        }
    }

    /** Notes in ext_data that the transaction was force-stopped, before it is stopped. */
    public void markForceStopped() {
        TransMarks.forceStopped(global, now());
    }

    public boolean hasUnstoredResults() {
        synchronized (pendingBranches) {
            return !pendingBranches.isEmpty();
        }
    }

    /**
     * Stores the branch results of this pass not stored yet, under its hold; a pass that
     * lost it stops here.
     */
    public void storeResults() {
        List<BranchUpdate> branches = takePendingBranches();
        if (!branches.isEmpty()) {
            ctx.store()
                .updateBranchStatuses(global.getGid(), global.getStatus().wireName(), global.getOwner(), branches);
        }
    }

    private List<BranchUpdate> takePendingBranches() {
        synchronized (pendingBranches) {
            List<BranchUpdate> taken = List.copyOf(pendingBranches);
            pendingBranches.clear();
            return taken;
        }
    }

    // -------------------------------------------------------------------------------------------
    // retries

    /** Plans the next retry after a call that was not a branch (the msg back-check). */
    public void timeNextRetry(BranchCallResult result, String url) {
        if (result.isSuccess()) {
            long interval = global.getNextCronInterval();
            if (Duration.between(started, now()).compareTo(TOUCH_RESET_AFTER) >= 0
                    || interval > ctx.settings().retryInterval().toSeconds()
                            && interval > global.getOptions().getRetryInterval()
                    || TransMarks.hasBackoffRounds(global)) {
                planRetry(CronType.RESET);
            }
        }
        else if (result.result() == ReplyOutcome.ONGOING) {
            planRetry(CronType.KEEP);
        }
        else {
            long rounds = planRetry(CronType.BACKOFF);
            ctx.alertWebhook().maybeAlert(global, rounds, url, result.message());
        }
    }

    /**
     * Plans the next retry by {@code type}.
     * @return for a backoff, how many times in a row the interval has been doubled
     * (counted on, in ext_data, after it reached the cap); else 0
     */
    public synchronized long planRetry(CronType type) {
        long rounds = 0;
        if (type == CronType.BACKOFF) {
            rounds = TransMarks.backedOff(global, Math.max(1, global.getNextCronInterval()), baseInterval());
        }
        else if (type == CronType.RESET) {
            TransMarks.backoffReset(global);
        }
        // next_cron_interval is an INT column in dtm's schemas
        long interval = Math.min(nextCronInterval(type), Integer.MAX_VALUE);
        planRetryAt(interval, now().plusSeconds(interval));
        return rounds;
    }

    public synchronized void planRetryAt(long interval, Instant next) {
        plannedNext = next;
        global.setNextCronInterval(interval);
    }

    private long nextCronInterval(CronType type) {
        long current = Math.max(1, global.getNextCronInterval());
        return switch (type) {
            case BACKOFF -> Math.min(current * 2, maxBackoff());
            case KEEP -> current;
            case RESET -> baseInterval();
        };
    }

    /**
     * Where retry intervals stop doubling: dtm.coordinator.max-retry-interval, or the
     * transaction's own base interval if longer. A participant back after an outage is
     * retried within this long.
     */
    public long maxBackoff() {
        return Math.max(ctx.settings().maxRetryInterval().toSeconds(), baseInterval());
    }

    /** The base retry interval of a transaction. */
    public long baseInterval() {
        return baseInterval(global, ctx.settings());
    }

    public static long baseInterval(TransGlobal g, EngineSettings settings) {
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

    // -------------------------------------------------------------------------------------------
    // end of pass

    /**
     * Ends the pass: stores the results not stored yet and, for an unfinished
     * transaction, writes the planned retry time and gives up the hold, all under the
     * hold. A call still running (the pass stopped waiting for it) keeps the transaction
     * held until that call has surely ended. {@code internalError}, when not null, is an
     * error of the coordinator itself: it is recorded on the transaction (ext_data, shown
     * by /query) and retried with backoff.
     */
    public void end(Throwable internalError) {
        try {
            storeResults();
        }
        finally {
            release(internalError);
        }
    }

    private synchronized void release(Throwable internalError) {
        if (global.getStatus().isFinished() || lease.until().equals(Instant.EPOCH)) {
            return;
        }
        String held = global.getOwner();
        Instant now = now();
        if (internalError != null) {
            // a poison transaction: each failing pass doubles its retry interval (up to
            // the cap), so it cannot take the poller's turns from the others
            planRetry(CronType.BACKOFF);
            recordInternalError(internalError, now);
        }
        else {
            clearInternalErrorCount();
        }
        Instant next = plannedNext != null ? plannedNext : now.plusSeconds(Math.max(1, global.getNextCronInterval()));
        if (callsInFlight.get() > 0) {
            if (next.isBefore(lease.until())) {
                next = lease.until();
            }
        }
        else {
            global.setOwner(lease.endedAt(now).owner());
        }
        global.setNextCronTime(next);
        if (!ctx.store().touchCronTime(global, held, now)) {
            global.setOwner(held);
            log.debug("gid={} was taken over before the pass ended; its retry time is the new holder's",
                    LogSafe.escape(global.getGid()));
        }
    }

    /**
     * Keeps the last internal error and how many passes in a row ended with it in
     * ext_data. Logged with its stack trace when it is new, then one line each time the
     * count doubles, with the alert webhook.
     */
    private void recordInternalError(Throwable error, Instant now) {
        Map<String, Object> ext = extData();
        String text = truncate(String.valueOf(error), 512);
        long passes = text.equals(ext.get("last_error")) && ext.get("error_passes") instanceof Number n
                ? n.longValue() + 1 : 1;
        ext.put("last_error", text);
        ext.put("last_error_time", WireTime.format(now));
        ext.put("error_passes", passes);
        global.setExtData(TransJson.write(ext));
        if (passes == 1) {
            log.error("gid={} trans_type={} pass failed with an internal error; retried with backoff, next in {} s",
                    LogSafe.escape(global.getGid()), global.getTransType(), global.getNextCronInterval(), error);
        }
        else if (Long.bitCount(passes) == 1) {
            log.error("gid={} trans_type={} the same internal error in {} passes in a row, next in {} s: {}",
                    LogSafe.escape(global.getGid()), global.getTransType(), passes, global.getNextCronInterval(),
                    LogSafe.escape(text));
            ctx.alertWebhook()
                .alertInternalError(global, "internal error in " + passes + " passes in a row: " + text, passes);
        }
    }

    private void clearInternalErrorCount() {
        if (global.getExtData().contains("\"error_passes\"")) {
            Map<String, Object> ext = extData();
            ext.remove("error_passes");
            global.setExtData(TransJson.write(ext));
        }
    }

    private Map<String, Object> extData() {
        String json = global.getExtData();
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(TransJson.readObject(json));
        }
        catch (RuntimeException ex) {
            return new LinkedHashMap<>();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

}
