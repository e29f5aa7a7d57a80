package io.dtm.coordinator.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dtm.coordinator.model.TransBranch;
import io.dtm.coordinator.model.TransGlobal;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.model.TransOptions;
import io.dtm.coordinator.model.TransStatus;
import io.dtm.coordinator.model.TransType;
import io.dtm.coordinator.store.DuplicateBranchException;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.coordinator.store.TransStore.ResetCronResult;

/** The coordinator's operations (protocol §2.4), whatever transport the request came by. */
public class TransService {

    private static final Logger log = LoggerFactory.getLogger(TransService.class);

    private static final Set<String> REGISTER_IGNORED_KEYS = Set.of("gid", "trans_type", "branch_id", "data");

    private final TransStore store;
    private final TransProcessor processor;
    private final EngineContext ctx;

    public TransService(TransStore store, TransProcessor processor) {
        this.store = store;
        this.processor = processor;
        this.ctx = processor.context();
    }

    public String newGid() {
        return Gids.newGid();
    }

    public void prepare(TransRequest request) {
        validate(request);
        TransGlobal g = toGlobal(request, TransStatus.PREPARED);
        List<TransBranch> branches = processor.generateBranches(g, g.getCreateTime());
        if (store.insertGlobal(g, branches)) {
            log.info("prepared gid={} trans_type={} branches={}", g.getGid(), g.getTransType(), branches.size());
            return;
        }
        TransGlobal existing = load(g.getGid());
        if (!TransStatus.PREPARED.equals(existing.getStatus())) {
            throw DtmException.failure("current status '" + existing.getStatus() + "', cannot prepare");
        }
    }

    public void submit(TransRequest request) {
        validate(request);
        if (TransType.WORKFLOW.equals(request.transType())) {
            submitWorkflow(request);
            return;
        }
        TransGlobal g = toGlobal(request, TransStatus.SUBMITTED);
        // the submit's own pass holds the transaction from the start, so the poller leaves it alone meanwhile
        TransRun.newLease(g, ctx);
        List<TransBranch> branches = processor.generateBranches(g, g.getCreateTime());
        if (store.insertGlobal(g, branches)) {
            log.info("submitted gid={} trans_type={} branches={}", g.getGid(), g.getTransType(), branches.size());
        }
        else {
            g = load(g.getGid());
            g.getOptions().setWaitResult(request.isWaitResult());
            if (TransStatus.PREPARED.equals(g.getStatus())) {
                new TransRun(g, ctx).takeOver(TransStatus.SUBMITTED, request.rollbackReason(), null);
            }
            else if (!TransStatus.SUBMITTED.equals(g.getStatus())) {
                throw DtmException.failure("current status '" + g.getStatus() + "', cannot submit");
            }
            else if (!new TransRun(g, ctx).claimIfIdle()) {
                busy(g);
                return;
            }
            branches = store.findBranches(g.getGid());
        }
        process(g, branches, true);
    }

    public void abort(TransRequest request) {
        TransRequestValidator.requireGid(request.gid());
        TransRequestValidator.requireTransType(request.transType());
        TransRequestValidator.maxLength("rollback_reason", request.rollbackReason(), TransRequestValidator.MAX_TEXT);
        TransGlobal g = load(request.gid());
        if (TransType.MSG.equals(g.getTransType()) && TransStatus.PREPARED.equals(g.getStatus())) {
            new TransRun(g, ctx).takeOver(TransStatus.FAILED, request.rollbackReason(), null);
            return;
        }
        boolean abortableType = TransType.TCC.equals(request.transType()) || TransType.XA.equals(request.transType());
        boolean abortableStatus = TransStatus.PREPARED.equals(g.getStatus())
                || TransStatus.ABORTING.equals(g.getStatus());
        if (!abortableType || !abortableStatus) {
            throw DtmException.failure("trans type: '" + g.getTransType() + "' current status '" + g.getStatus()
                    + "', cannot abort");
        }
        g.getOptions().setWaitResult(request.isWaitResult());
        if (TransStatus.PREPARED.equals(g.getStatus())) {
            new TransRun(g, ctx).takeOver(TransStatus.ABORTING, request.rollbackReason(), null);
        }
        else if (!new TransRun(g, ctx).claimIfIdle()) {
            busy(g);
            return;
        }
        process(g, store.findBranches(g.getGid()), false);
    }

    /** A repeated submit or abort while a pass holds the transaction: that pass (or the poller after it) goes on. */
    private void busy(TransGlobal g) {
        log.info("gid={} is held by a running pass until {}; not processed again now", g.getGid(),
                Lease.of(g.getOwner()).until());
        if (g.getOptions().isWaitResult()) {
            throw DtmException.ongoing("transaction " + g.getGid() + " is " + g.getStatus()
                    + " and being processed; the coordinator keeps retrying it");
        }
    }

    /** registerBranch (protocol §2.3): rows are added only while the global is prepared. */
    public void registerBranch(Map<String, String> body) {
        String gid = TransRequest.clean(body.get("gid"));
        String transType = body.get("trans_type");
        String branchId = body.get("branch_id");
        TransRequestValidator.validateBranch(body);
        TransRequestValidator.requireGid(gid);
        TransRequestValidator.requireTransType(transType);
        if (branchId == null || branchId.isEmpty()) {
            throw new InvalidRequestException("branch_id is required");
        }
        TransRequestValidator.maxLength("branch_id", branchId, TransRequestValidator.MAX_BRANCH_ID);
        byte[] data = body.get("data") == null ? new byte[0] : body.get("data").getBytes(StandardCharsets.UTF_8);
        if (data.length > TransRequestValidator.MAX_PAYLOAD_BYTES) {
            throw new InvalidRequestException("data is larger than " + TransRequestValidator.MAX_PAYLOAD_BYTES
                    + " bytes");
        }
        Instant now = ctx.clock().instant();
        List<TransBranch> rows = new ArrayList<>();
        switch (transType) {
            case TransType.TCC -> {
                String cancel = requireUrl(body, "cancel");
                String confirm = requireUrl(body, "confirm");
                rows.add(new TransBranch(gid, cancel, data, branchId, TransType.OP_CANCEL, TransStatus.PREPARED, now));
                rows.add(new TransBranch(gid, confirm, data, branchId, TransType.OP_CONFIRM, TransStatus.PREPARED,
                        now));
            }
            case TransType.XA -> {
                String url = requireUrl(body, "url");
                rows.add(new TransBranch(gid, url, data, branchId, TransType.OP_ROLLBACK, TransStatus.PREPARED, now));
                rows.add(new TransBranch(gid, url, data, branchId, TransType.OP_COMMIT, TransStatus.PREPARED, now));
            }
            case TransType.WORKFLOW -> {
                String op = body.get("op");
                String status = body.get("status");
                if (op == null || op.isEmpty()) {
                    throw new InvalidRequestException("a workflow branch needs op");
                }
                TransRequestValidator.maxLength("op", op, TransRequestValidator.MAX_OP);
                if (!TransStatus.SUCCEED.equals(status) && !TransStatus.FAILED.equals(status)) {
                    throw new InvalidRequestException("a workflow branch needs status 'succeed' or 'failed', got '"
                            + status + "'");
                }
                TransBranch row = new TransBranch(gid, "", data, branchId, op, status, now);
                row.setFinishTime(now);
                rows.add(row);
            }
            default -> throw new InvalidRequestException("registerBranch is for tcc, xa and workflow, not '"
                    + transType + "'");
        }
        TransRequestValidator.validateBranchFor(store.findGlobal(gid).orElse(null), transType, body.get("data"));
        try {
            store.appendBranches(gid, TransStatus.PREPARED, rows);
        }
        catch (StatusConflictException ex) {
            throw DtmException.failure("no trans with gid: " + gid + " status: prepared found");
        }
        catch (DuplicateBranchException ex) {
            throw DtmException.failure(ex.getMessage());
        }
        log.info("registered branch gid={} trans_type={} branch_id={} rows={}", gid, transType, branchId,
                rows.size());
    }

    public record WorkflowProgress(TransGlobal transaction, List<TransBranch> progresses) {
    }

    public WorkflowProgress prepareWorkflow(TransRequest request) {
        validate(request);
        if (!TransType.WORKFLOW.equals(request.transType())) {
            throw new InvalidRequestException("prepareWorkflow needs trans_type workflow, got '"
                    + request.transType() + "'");
        }
        TransGlobal g = toGlobal(request, TransStatus.PREPARED);
        if (store.insertGlobal(g, List.of())) {
            log.info("prepared workflow gid={}", g.getGid());
            return new WorkflowProgress(g, List.of());
        }
        TransGlobal existing = load(g.getGid());
        return new WorkflowProgress(existing, store.findBranches(existing.getGid()));
    }

    public void forceStop(String gid) {
        TransRequestValidator.requireGid(gid);
        TransGlobal g = load(gid);
        if (TransStatus.isFinished(g.getStatus())) {
            throw DtmException.failure("the transaction is already " + g.getStatus() + "; only an unfinished one "
                    + "can be stopped");
        }
        new TransRun(g, ctx).takeOver(TransStatus.FAILED, null, null);
    }

    public record QueryResult(TransGlobal transaction, List<TransBranch> branches) {
    }

    public QueryResult query(String gid) {
        if (gid == null || gid.isEmpty()) {
            throw new InvalidRequestException("no gid specified");
        }
        return store.findGlobal(gid).map(g -> new QueryResult(g, store.findBranches(gid)))
                .orElseGet(() -> new QueryResult(null, List.of()));
    }

    public GlobalPage all(GlobalQuery query) {
        return store.scanGlobals(query);
    }

    /**
     * Makes transactions due now whose next_cron_time is more than {@code timeoutSeconds} away; never one that a pass
     * holds, whose next_cron_time is at most the longest hold away.
     */
    public ResetCronResult resetCronTime(long timeoutSeconds, int limit) {
        Instant now = ctx.clock().instant();
        Instant after = now.plusSeconds(Math.max(timeoutSeconds, TransRun.maxHold(ctx.settings()).toSeconds()));
        return store.resetCronTime(after, limit, now);
    }

    /** Makes a transaction due now, or when the pass holding it ends. A finished one is left as it is. */
    public void resetNextCronTime(String gid) {
        TransRequestValidator.requireGid(gid);
        for (int attempt = 0; attempt < 5; attempt++) {
            TransGlobal g = load(gid);
            if (TransStatus.isFinished(g.getStatus())) {
                return;
            }
            Instant now = ctx.clock().instant();
            Lease lease = Lease.of(g.getOwner());
            g.setNextCronTime(lease.heldAt(now) ? lease.until() : now);
            if (store.touchCronTime(g, g.getOwner(), now)) {
                return;
            }
        }
        throw DtmException.ongoing("transaction " + gid + " changed while its retry time was reset; try again");
    }

    private void submitWorkflow(TransRequest request) {
        TransRequestValidator.validateSubmitExtra(request);
        TransGlobal g = load(request.gid());
        if (!TransStatus.PREPARED.equals(g.getStatus())) {
            throw DtmException.failure("workflow " + g.getGid() + " is already " + g.getStatus());
        }
        Map<String, String> extra = request.reqExtra();
        try {
            new TransRun(g, ctx).takeOver(extra.get("status"), extra.get("rollback_reason"), extra.get("result"));
        }
        catch (StatusConflictException ex) {
            throw DtmException.failure(ex.getMessage());
        }
    }

    /**
     * Processes in the background, or inline when the request waits for the result; a waiting submit gets 200 only
     * if the transaction succeeded.
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
            throw DtmException.ongoing("another coordinator process is working on it: " + ex.getMessage());
        }
        if (!submitting || TransStatus.SUCCEED.equals(g.getStatus())) {
            return;
        }
        if (TransStatus.FAILED.equals(g.getStatus())) {
            throw DtmException.failure(g.getRollbackReason().isEmpty() ? "wait result not return success"
                    : g.getRollbackReason());
        }
        throw DtmException.ongoing("transaction " + g.getGid() + " is " + g.getStatus()
                + "; the coordinator keeps retrying it");
    }

    private TransGlobal load(String gid) {
        return store.findGlobal(gid).orElseThrow(() -> new TransNotFoundException(gid));
    }

    /** The request's own rules, then the coordinator's rules for the URLs it would call. */
    private void validate(TransRequest request) {
        TransRequestValidator.validate(request);
        BranchUrlPolicy policy = ctx.caller().urlPolicy();
        List<Map<String, String>> steps = request.steps() == null ? List.of() : request.steps();
        for (int i = 0; i < steps.size(); i++) {
            for (Map.Entry<String, String> e : steps.get(i).entrySet()) {
                if (!"data".equals(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()
                        && !e.getValue().startsWith(TopicService.TOPIC_PREFIX)) {
                    policy.check("steps[" + i + "]." + e.getKey(), e.getValue());
                }
            }
        }
        if (request.queryPrepared() != null && !request.queryPrepared().isEmpty()) {
            policy.check("query_prepared", request.queryPrepared());
        }
    }

    private String requireUrl(Map<String, String> body, String key) {
        String url = body.get(key);
        if (url == null || url.isEmpty()) {
            throw new InvalidRequestException("a " + body.get("trans_type") + " branch needs a '" + key + "' URL");
        }
        TransRequestValidator.maxLength(key, url, TransRequestValidator.MAX_TEXT);
        ctx.caller().urlPolicy().check(key, url);
        return url;
    }

    private TransGlobal toGlobal(TransRequest r, String status) {
        Instant now = ctx.clock().instant();
        TransGlobal g = new TransGlobal();
        g.setGid(r.gid());
        g.setTransType(r.transType());
        g.setStatus(status);
        g.setQueryPrepared(r.queryPrepared());
        g.setProtocol(r.protocol());
        g.setCustomData(r.customData());
        g.setRollbackReason(r.rollbackReason());
        g.setSteps(r.steps());
        g.setPayloads(r.payloads());
        TransOptions o = g.getOptions();
        o.setWaitResult(r.isWaitResult());
        o.setTimeoutToFail(orZero(r.timeoutToFail()));
        o.setRequestTimeout(orZero(r.requestTimeout()));
        o.setRetryInterval(orZero(r.retryInterval()));
        o.setRetryLimit(orZero(r.retryLimit()));
        o.setRetryCount(orZero(r.retryCount()));
        o.setBranchHeaders(r.branchHeaders());
        o.setConcurrent(Boolean.TRUE.equals(r.concurrent()));
        String options = TransJson.optionsToJson(o);
        TransRequestValidator.maxLength("options (branch_headers and the other options as JSON)", options,
                TransRequestValidator.MAX_TEXT);
        g.setCreateTime(now);
        g.setUpdateTime(now);
        long interval = TransRun.baseInterval(g, ctx.settings());
        g.setNextCronInterval(interval);
        g.setNextCronTime(now.plusSeconds(interval));
        return g;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
