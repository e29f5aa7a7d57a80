package io.dtm.coordinator.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.mode.ModeProcessor;
import io.dtm.coordinator.engine.mode.TransRequestValidator;
import io.dtm.coordinator.engine.run.EngineContext;
import io.dtm.coordinator.engine.run.Lease;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.coordinator.engine.support.EngineMdc;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.engine.support.TransLimits;
import io.dtm.coordinator.engine.support.TransNotFoundException;
import io.dtm.protocol.Gids;
import io.dtm.protocol.TraceParent;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.BranchBoundException;
import io.dtm.coordinator.store.DuplicateBranchException;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.coordinator.store.TransStore.ResetCronResult;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.protocol.WireWord;
import org.jspecify.annotations.Nullable;

/**
 * The coordinator's operations (docs/protocol.md#operations), whatever transport the
 * request came by.
 */
public class TransService {

    private static final Logger log = LoggerFactory.getLogger(TransService.class);

    private static final Set<String> REGISTER_IGNORED_KEYS = Set.of("gid", "trans_type", "branch_id", "data");

    private final TransStore store;

    private final TransProcessor processor;

    private final EngineContext ctx;

    private final TransLimits limits;

    public TransService(TransStore store, TransProcessor processor) {
        this(store, processor, TransLimits.defaults());
    }

    public TransService(TransStore store, TransProcessor processor, TransLimits limits) {
        this.store = store;
        this.processor = processor;
        this.ctx = processor.context();
        this.limits = limits;
    }

    public String newGid() {
        return Gids.newGid();
    }

    public void prepare(TransRequest request) {
        prepare(request, null);
    }

    /**
     * @param trace the initiator's trace context, kept with the transaction; {@code null}
     * for none
     */
    public void prepare(TransRequest request, TraceParent trace) {
        try (EngineMdc.Scope mdc = EngineMdc.transaction(request.getGid(), request.getTransType());
                BranchTracer.Operation op = ctx.tracer()
                    .startOperation("prepare", request.getGid(), WireWord.nameOf(request.getTransType()), trace)) {
            prepareTraced(request, trace);
        }
    }

    private void prepareTraced(TransRequest request, TraceParent trace) {
        validate(request);
        TransGlobal g = toGlobal(request, TransStatus.PREPARED, trace);
        List<TransBranch> branches = processor.generateBranches(g, g.getCreateTime());
        TransLimits.TransLimitException over = overLimits(g, branches);
        if (over == null && store.insertGlobal(g, branches)) {
            log.info("prepared gid={} trans_type={} branches={}", LogSafe.escape(g.getGid()), g.getTransType(),
                    branches.size());
            return;
        }
        TransGlobal existing = loadOr(g.getGid(), over);
        if (existing.getStatus() != TransStatus.PREPARED) {
            throw new DtmFailureException("current status '" + existing.getStatus() + "', cannot prepare");
        }
    }

    public void submit(TransRequest request) {
        submit(request, null);
    }

    /**
     * @param trace the initiator's trace context, kept with a transaction this submit
     * creates; one prepared before keeps the context of its prepare
     */
    public void submit(TransRequest request, TraceParent trace) {
        try (EngineMdc.Scope mdc = EngineMdc.transaction(request.getGid(), request.getTransType());
                BranchTracer.Operation op = ctx.tracer()
                    .startOperation("submit", request.getGid(), WireWord.nameOf(request.getTransType()), trace)) {
            submitTraced(request, trace);
        }
    }

    private void submitTraced(TransRequest request, TraceParent trace) {
        validate(request);
        if (request.getTransType() == TransType.WORKFLOW) {
            submitWorkflow(request);
            return;
        }
        TransGlobal g = toGlobal(request, TransStatus.SUBMITTED, trace);
        // the submit's own pass holds the transaction from the start, so the poller
        // leaves it alone meanwhile
        TransRun.newLease(g, ctx);
        List<TransBranch> branches = processor.generateBranches(g, g.getCreateTime());
        TransGlobal prepared = processor.mode(g.getTransType()).preparedBeforeSubmit()
                ? store.findGlobal(g.getGid()).orElse(null) : null;
        TransLimits.TransLimitException over = prepared == null ? overLimits(g, branches) : null;
        if (prepared == null && over == null && store.insertGlobal(g, branches)) {
            log.info("submitted gid={} trans_type={} branches={}", LogSafe.escape(g.getGid()), g.getTransType(),
                    branches.size());
        }
        else {
            g = (prepared != null) ? prepared : loadOr(g.getGid(), over);
            g.getOptions().setWaitResult(request.isWaitResult());
            log.info("submit gid={} trans_type={} status={}", LogSafe.escape(g.getGid()), g.getTransType(),
                    g.getStatus());
            if (g.getStatus() == TransStatus.PREPARED) {
                // the branches read after the change: a registerBranch checks the status
                // in its append, so none is missed
                branches = new TransRun(g, ctx).takeOverReadingBranches(TransStatus.SUBMITTED,
                        request.getRollbackReason());
            }
            else if (g.getStatus() != TransStatus.SUBMITTED) {
                throw new DtmFailureException("current status '" + g.getStatus() + "', cannot submit");
            }
            else if (!new TransRun(g, ctx).claimIfIdle()) {
                busy(g);
                return;
            }
            else {
                branches = store.findBranches(g.getGid());
            }
        }
        process(g, branches, true);
    }

    public void abort(TransRequest request) {
        try (EngineMdc.Scope mdc = EngineMdc.transaction(request.getGid(), request.getTransType())) {
            abortLogged(request);
        }
    }

    private void abortLogged(TransRequest request) {
        TransRequestValidator.requireGid(request.getGid());
        TransRequestValidator.requireTransType(WireWord.nameOf(request.getTransType()));
        TransRequestValidator.maxLength("rollback_reason", request.getRollbackReason(), TransRequestValidator.MAX_TEXT);
        TransGlobal g = load(request.getGid());
        log.info("abort gid={} trans_type={} status={}", LogSafe.escape(g.getGid()), g.getTransType(), g.getStatus());
        if (processor.mode(g.getTransType()).abort(g.getStatus()) == ModeProcessor.Abort.FAIL) {
            new TransRun(g, ctx).takeOver(TransStatus.FAILED, request.getRollbackReason(), null);
            return;
        }
        if (processor.mode(request.getTransType()).abort(g.getStatus()) != ModeProcessor.Abort.ROLL_BACK) {
            throw new DtmFailureException(
                    "trans type: '" + g.getTransType() + "' current status '" + g.getStatus() + "', cannot abort");
        }
        g.getOptions().setWaitResult(request.isWaitResult());
        if (g.getStatus() == TransStatus.PREPARED) {
            new TransRun(g, ctx).takeOver(TransStatus.ABORTING, request.getRollbackReason(), null);
        }
        else if (!new TransRun(g, ctx).claimIfIdle()) {
            busy(g);
            return;
        }
        process(g, store.findBranches(g.getGid()), false);
    }

    /**
     * A repeated submit or abort while a pass holds the transaction: that pass (or the
     * poller after it) goes on.
     */
    private void busy(TransGlobal g) {
        log.info("gid={} is held by a running pass until {}; not processed again now", LogSafe.escape(g.getGid()),
                Lease.of(g.getOwner()).until());
        if (g.getOptions().isWaitResult()) {
            throw new DtmOngoingException("transaction " + g.getGid() + " is " + g.getStatus()
                    + " and being processed; the coordinator keeps retrying it");
        }
    }

    /**
     * registerBranch (docs/protocol.md#registerbranch): rows are added only while the
     * global is prepared.
     */
    public void registerBranch(Map<String, String> body) {
        try (EngineMdc.Scope mdc = EngineMdc.transaction(body.get("gid"), body.get("trans_type"))) {
            registerBranchLogged(body);
        }
    }

    private void registerBranchLogged(Map<String, String> body) {
        String gid = Gids.clean(body.get("gid"));
        String transType = body.get("trans_type");
        String branchId = body.get("branch_id");
        TransRequestValidator.validateBranch(body, ctx.caller().urlPolicy().serviceSchemes());
        TransRequestValidator.requireGid(gid);
        TransRequestValidator.requireTransType(transType);
        if (branchId == null || branchId.isEmpty()) {
            throw new InvalidRequestException("branch_id is required");
        }
        TransRequestValidator.maxLength("branch_id", branchId, TransRequestValidator.MAX_BRANCH_ID);
        byte[] data = body.get("data") == null ? new byte[0] : body.get("data").getBytes(StandardCharsets.UTF_8);
        if (data.length > TransRequestValidator.MAX_PAYLOAD_BYTES) {
            throw new InvalidRequestException(
                    "data is larger than " + TransRequestValidator.MAX_PAYLOAD_BYTES + " bytes");
        }
        Instant now = ctx.clock().instant();
        TransStatus prepared = TransStatus.PREPARED;
        List<TransBranch> rows = processor.mode(TransType.fromWire(transType))
            .registerBranch(gid, branchId, body, data, ctx.caller().urlPolicy(), now);
        String dataText = body.get("data");
        if (!TransRequestValidator.isJsonObject(dataText)) {
            // only a JSON-RPC transaction refuses such data, and the append cannot tell
            TransRequestValidator.validateBranchFor(store.findGlobal(gid).orElse(null), transType, dataText);
        }
        try {
            // the bound is checked in the append's atomic step: racing calls never
            // overshoot it together
            store.appendBranches(gid, prepared.wireName(), transType, rows,
                    new TransStore.BranchBound(limits.maxBranches(), limits.maxTransactionBytes()));
        }
        catch (BranchBoundException ex) {
            TransStore.BranchTotals stored = ex.stored();
            limits.check("transaction " + gid, stored.count() + rows.size(),
                    stored.dataBytes() + (long) data.length * rows.size());
            throw new TransLimits.TransLimitException("transaction " + gid + " would exceed "
                    + "dtm.coordinator.limits.max-branches or dtm.coordinator.limits.max-transaction-size");
        }
        catch (StatusConflictException ex) {
            // the append checked status and type in one step; read which one refused it
            TransRequestValidator.validateBranchFor(store.findGlobal(gid).orElse(null), transType, dataText);
            throw new DtmFailureException("no trans with gid: " + gid + " status: prepared found");
        }
        catch (DuplicateBranchException ex) {
            throw new DtmFailureException(ex.getMessage());
        }
        log.info("registered branch gid={} trans_type={} branch_id={} rows={}", LogSafe.escape(gid),
                LogSafe.escape(transType), LogSafe.escape(branchId), rows.size());
    }

    public record WorkflowProgress(TransGlobal transaction, List<TransBranch> progresses) {
    }

    public WorkflowProgress prepareWorkflow(TransRequest request) {
        return prepareWorkflow(request, null);
    }

    /**
     * @param trace the initiator's trace context, kept with the workflow; {@code null}
     * for none
     */
    public WorkflowProgress prepareWorkflow(TransRequest request, TraceParent trace) {
        try (EngineMdc.Scope mdc = EngineMdc.transaction(request.getGid(), request.getTransType())) {
            return prepareWorkflowTraced(request, trace);
        }
    }

    private WorkflowProgress prepareWorkflowTraced(TransRequest request, TraceParent trace) {
        validate(request);
        if (request.getTransType() != TransType.WORKFLOW) {
            throw new InvalidRequestException(
                    "prepareWorkflow needs trans_type workflow, got '" + request.getTransType() + "'");
        }
        TransGlobal g = toGlobal(request, TransStatus.PREPARED, trace);
        if (store.insertGlobal(g, List.of())) {
            log.info("prepared workflow gid={}", LogSafe.escape(g.getGid()));
            return new WorkflowProgress(g, List.of());
        }
        TransGlobal existing = load(g.getGid());
        return new WorkflowProgress(existing, store.findBranches(existing.getGid()));
    }

    public void forceStop(String gid) {
        TransRequestValidator.requireGid(gid);
        TransGlobal g = load(gid);
        if (g.getStatus().isFinished()) {
            throw new DtmFailureException(
                    "the transaction is already " + g.getStatus() + "; only an unfinished one " + "can be stopped");
        }
        TransRun run = new TransRun(g, ctx);
        run.markForceStopped();
        run.takeOver(TransStatus.FAILED, null, null);
    }

    /**
     * @param transaction the global, null when the gid is unknown
     * @param branches one page of its branches, in insertion order
     * @param nextBranchPosition where the next page of branches starts, empty when this
     * page is the last
     */
    public record QueryResult(TransGlobal transaction, List<TransBranch> branches, String nextBranchPosition) {
    }

    /**
     * Branches in a page when the caller asks for no page size, and the most it may ask
     * for: the default of {@code dtm.coordinator.limits.max-branches}, so that with the
     * default limits every transaction is answered whole, as dtm answers it.
     */
    public static final int DEFAULT_BRANCH_PAGE = 2000;

    /** The first {@link #DEFAULT_BRANCH_PAGE} branches. */
    public QueryResult query(String gid) {
        return query(gid, 0, DEFAULT_BRANCH_PAGE);
    }

    /**
     * The global and a page of its branches: at most {@code limit}, from the
     * {@code position}-th on (a {@link QueryResult#nextBranchPosition()}).
     */
    public QueryResult query(String gid, int position, int limit) {
        if (gid == null || gid.isEmpty()) {
            throw new InvalidRequestException("no gid specified");
        }
        if (position < 0 || limit < 1) {
            throw new InvalidRequestException("a branch page starts at 0 or later and holds at least 1 branch");
        }
        Optional<TransGlobal> global = store.findGlobal(gid);
        if (global.isEmpty()) {
            return new QueryResult(null, List.of(), "");
        }
        // one more than asked tells whether a next page exists
        List<TransBranch> page = store.findBranches(gid, position, limit + 1);
        boolean more = page.size() > limit;
        return new QueryResult(global.get(), more ? page.subList(0, limit) : page,
                more ? String.valueOf(position + limit) : "");
    }

    /** How many branches a transaction has, and their data bytes. */
    public TransStore.BranchTotals branchTotals(String gid) {
        return store.branchTotals(gid);
    }

    public GlobalPage all(GlobalQuery query) {
        return store.scanGlobals(query);
    }

    /**
     * Makes transactions due now whose next_cron_time is more than {@code timeoutSeconds}
     * away; never one that a pass holds, whose next_cron_time is at most the longest hold
     * away.
     */
    public ResetCronResult resetCronTime(long timeoutSeconds, int limit) {
        Instant now = ctx.clock().instant();
        Instant after = now.plusSeconds(Math.max(timeoutSeconds, TransRun.maxHold(ctx.settings()).toSeconds()));
        return store.resetCronTime(after, limit, now);
    }

    /**
     * Makes a transaction due now, or when the pass holding it ends. A finished one is
     * left as it is.
     * @return {@code false} when the transaction is finished
     */
    public boolean resetNextCronTime(String gid) {
        TransRequestValidator.requireGid(gid);
        for (int attempt = 0; attempt < 5; attempt++) {
            TransGlobal g = load(gid);
            if (g.getStatus().isFinished()) {
                return false;
            }
            Instant now = ctx.clock().instant();
            Lease lease = Lease.of(g.getOwner());
            g.setNextCronTime(lease.heldAt(now) ? lease.until() : now);
            if (store.touchCronTime(g, g.getOwner(), now)) {
                return true;
            }
        }
        throw new DtmOngoingException("transaction " + gid + " changed while its retry time was reset; try again");
    }

    private void submitWorkflow(TransRequest request) {
        TransRequestValidator.validateSubmitExtra(request);
        TransGlobal g = load(request.getGid());
        if (g.getStatus() != TransStatus.PREPARED) {
            throw new DtmFailureException("workflow " + g.getGid() + " is already " + g.getStatus());
        }
        Map<String, String> extra = request.getReqExtra();
        try {
            new TransRun(g, ctx).takeOver(TransStatus.fromWire(extra.get("status")), extra.get("rollback_reason"),
                    extra.get("result"));
        }
        catch (StatusConflictException ex) {
            throw new DtmFailureException(ex.getMessage());
        }
    }

    /**
     * Processes in the background, or inline when the request waits for the result; a
     * waiting submit gets 200 only if the transaction succeeded.
     */
    private void process(TransGlobal g, List<TransBranch> branches, boolean submitting) {
        if (!g.getOptions().isWaitResult()) {
            processor.processAsync(g, branches);
            return;
        }
        try {
            processor.processOnce(g, branches);
        }
        catch (StatusConflictException ex) {
            throw new DtmOngoingException("another coordinator process is working on it: " + ex.getMessage());
        }
        if (!submitting || g.getStatus() == TransStatus.SUCCEED) {
            return;
        }
        if (g.getStatus() == TransStatus.FAILED) {
            throw new DtmFailureException(
                    g.getRollbackReason().isEmpty() ? "wait result not return success" : g.getRollbackReason());
        }
        throw new DtmOngoingException(
                "transaction " + g.getGid() + " is " + g.getStatus() + "; the coordinator keeps retrying it");
    }

    /**
     * What refuses a new transaction: a limit it is over, or null. Only a transaction
     * that is to be inserted is refused; one whose gid exists answers as before.
     */
    private TransLimits.@Nullable TransLimitException overLimits(TransGlobal g, List<TransBranch> branches) {
        long bytes = 0;
        for (TransBranch b : branches) {
            bytes += b.getBinData() == null ? 0 : b.getBinData().length;
        }
        try {
            limits.check("transaction " + g.getGid(), branches.size(), bytes);
            return null;
        }
        catch (TransLimits.TransLimitException ex) {
            return ex;
        }
    }

    /**
     * The stored global; when there is none, {@code refusal} if the request was over a
     * limit, else not found.
     */
    private TransGlobal loadOr(String gid, RuntimeException refusal) {
        return store.findGlobal(gid).orElseThrow(() -> refusal != null ? refusal : new TransNotFoundException(gid));
    }

    private TransGlobal load(String gid) {
        return store.findGlobal(gid).orElseThrow(() -> new TransNotFoundException(gid));
    }

    /**
     * The request's own rules, then the coordinator's rules for the URLs it would call.
     */
    private void validate(TransRequest request) {
        BranchUrlPolicy policy = ctx.caller().urlPolicy();
        TransRequestValidator.validate(request, policy.serviceSchemes());
        List<Map<String, String>> steps = request.getSteps() == null ? List.of() : request.getSteps();
        for (int i = 0; i < steps.size(); i++) {
            for (Map.Entry<String, String> e : steps.get(i).entrySet()) {
                if (!"data".equals(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()
                        && !e.getValue().startsWith(TopicService.TOPIC_PREFIX)) {
                    policy.check("steps[" + i + "]." + e.getKey(), e.getValue());
                }
            }
        }
        if (request.getQueryPrepared() != null && !request.getQueryPrepared().isEmpty()) {
            policy.check("query_prepared", request.getQueryPrepared());
        }
    }

    private TransGlobal toGlobal(TransRequest r, TransStatus status, TraceParent trace) {
        Instant now = ctx.clock().instant();
        TransGlobal g = new TransGlobal();
        g.setGid(r.getGid());
        g.setTransType(r.getTransType());
        g.setStatus(status);
        g.setQueryPrepared(r.getQueryPrepared());
        g.setProtocol(r.getProtocol());
        g.setCustomData(r.getCustomData());
        g.setRollbackReason(r.getRollbackReason());
        g.setSteps(r.getSteps());
        g.setPayloads(r.getPayloads());
        g.setOptions(r.toOptions());
        String options = g.getOptions().toJson();
        TransRequestValidator.maxLength("options (branch_headers and the other options as JSON)", options,
                TransRequestValidator.MAX_TEXT);
        if (trace != null && ctx.tracer().keepsTraceContext()) {
            g.setExtData(TransJson.write(Map.of(TraceParent.EXT_DATA_KEY, trace.format())));
        }
        g.setCreateTime(now);
        g.setUpdateTime(now);
        long interval = TransRun.baseInterval(g, ctx.settings());
        g.setNextCronInterval(interval);
        g.setNextCronTime(now.plusSeconds(interval));
        return g;
    }

}
