package io.dtm.coordinator.engine.mode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.run.CronType;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;

/**
 * 2-phase message (docs/protocol.md#msg): a prepared message that timed out is resolved
 * by the back-check ({@code query_prepared}); a submitted one runs its actions in order
 * (or all at once when concurrent) until each has succeeded. {@code topic://name} steps
 * fan out to the topic's subscribers.
 */
class MsgProcessor implements ModeProcessor {

    private final TopicSubscribers topics;

    MsgProcessor(TopicSubscribers topics) {
        this.topics = topics;
    }

    @Override
    public TransType type() {
        return TransType.MSG;
    }

    /** A prepared message is not rolled back: it ends failed, its actions never run. */
    @Override
    public Abort abort(TransStatus status) {
        return status == TransStatus.PREPARED ? Abort.FAIL : Abort.REFUSED;
    }

    /** The msg field of custom_data: the {@code delay} of its first attempt. */
    static void validateCustomData(JsonNode data) {
        JsonNode delay = TransRequestValidator.customFields(data, "delay").get("delay");
        if (delay != null && !delay.isNull()) {
            if (!delay.isIntegralNumber()) {
                throw new InvalidRequestException("custom_data.delay must be an integer number of seconds, got "
                        + TransRequestValidator.kind(delay));
            }
            if (!delay.canConvertToLong() || delay.longValue() < 0
                    || delay.longValue() > TransRequestValidator.MAX_TIMEOUT_SECONDS) {
                throw new InvalidRequestException("custom_data.delay must be between 0 and "
                        + TransRequestValidator.MAX_TIMEOUT_SECONDS + " seconds (10 years), got " + delay.asString());
            }
        }
    }

    @Override
    public List<TransBranch> generateBranches(TransGlobal g, Instant now) {
        List<TransBranch> branches = new ArrayList<>();
        String op = BranchOp.ACTION.wireName();
        TransStatus prepared = TransStatus.PREPARED;
        for (int i = 0; i < g.getSteps().size(); i++) {
            String action = g.getSteps().get(i).get(op);
            byte[] payload = StepPayloads.of(g, i);
            String branchId = BranchIds.ofStep(i);
            if (action != null && action.startsWith(TopicSubscribers.TOPIC_PREFIX)) {
                List<String> urls = topics.subscriberUrls(action.substring(TopicSubscribers.TOPIC_PREFIX.length()));
                for (int j = 0; j < urls.size(); j++) {
                    branches.add(new TransBranch(g.getGid(), urls.get(j), payload, branchId + "-" + BranchIds.ofStep(j),
                            op, prepared, now));
                }
            }
            else {
                branches.add(new TransBranch(g.getGid(), action, payload, branchId, op, prepared, now));
            }
        }
        return branches;
    }

    @Override
    public void processOnce(TransRun run, List<TransBranch> branches) {
        TransGlobal g = run.global();
        if (g.getStatus() == TransStatus.PREPARED && run.isTimeout()) {
            backCheck(run);
        }
        if (g.getStatus() != TransStatus.SUBMITTED) {
            return;
        }
        long delay = delaySeconds(g.getCustomData());
        if (delay > 0 && g.getCreateTime() != null) {
            Instant due = g.getCreateTime().plusSeconds(delay);
            if (run.now().isBefore(due)) {
                // dtm pushes by the whole delay again; waking at create_time + delay
                // keeps the delay asked for
                run.planRetryAt(g.getNextCronInterval(), due);
                return;
            }
        }
        if (g.getOptions().isConcurrent()) {
            runConcurrently(run, branches);
        }
        else if (!runInOrder(run, branches)) {
            return;
        }
        if (branches.stream().allMatch(b -> b.getStatus() == TransStatus.SUCCEED)) {
            run.changeStatus(TransStatus.SUCCEED);
        }
    }

    private void backCheck(TransRun run) {
        TransGlobal g = run.global();
        if (!run.canStartBranch()) {
            return;
        }
        BranchCallResult result = run.context()
            .caller()
            .call(g, g.getQueryPrepared(), null, "00", BranchOp.MSG.wireName(), run.trace());
        switch (result.result()) {
            case SUCCESS -> run.changeStatus(TransStatus.SUBMITTED);
            case FAILURE -> run.changeStatus(TransStatus.FAILED, result.message(), null);
            case ONGOING -> run.planRetry(CronType.RESET);
            case RETRYABLE -> run.timeNextRetry(result, g.getQueryPrepared());
        }
    }

    /**
     * Runs the steps in order, each only after the one before it has succeeded (dtm's
     * rule). The subscribers of one {@code topic://} step are independent of each other:
     * they are called side by side, and one that fails or is slow does not keep the
     * others from their calls.
     * @return whether every step has succeeded
     */
    private boolean runInOrder(TransRun run, List<TransBranch> branches) {
        int start = 0;
        while (start < branches.size()) {
            String step = stepOf(branches.get(start));
            int end = start + 1;
            while (end < branches.size() && stepOf(branches.get(end)).equals(step)) {
                end++;
            }
            List<Integer> due = new ArrayList<>();
            for (int i = start; i < end; i++) {
                TransBranch b = branches.get(i);
                if (BranchOp.ACTION.is(b.getOp()) && b.getStatus() == TransStatus.PREPARED) {
                    due.add(i);
                }
            }
            if (!due.isEmpty() && !runStep(run, branches, due)) {
                return false;
            }
            start = end;
        }
        return true;
    }

    /**
     * Calls the due branches of one step; the next retry is planned by the worst of their
     * results. Throws the first error, after every call has ended.
     * @return whether all of them succeeded
     */
    private boolean runStep(TransRun run, List<TransBranch> branches, List<Integer> due) {
        if (due.size() == 1) {
            int position = due.get(0);
            if (!run.canStartBranch()) {
                return false;
            }
            return judge(run.execBranch(branches.get(position), position));
        }
        List<CompletableFuture<BranchCallResult>> calls = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        boolean allStarted = true;
        for (int position : due) {
            if (!run.canStartBranch()) {
                allStarted = false;
                break;
            }
            TransBranch b = branches.get(position);
            urls.add(b.getUrl());
            calls.add(CompletableFuture.supplyAsync(() -> run.callBranch(b, position), run.context().branchExecutor()));
        }
        BranchCallResult worst = null;
        String worstUrl = null;
        for (int i = 0; i < calls.size(); i++) {
            BranchCallResult result = calls.get(i).join();
            if (worst == null || rank(result) > rank(worst)) {
                worst = result;
                worstUrl = urls.get(i);
            }
        }
        if (worst != null) {
            run.timeNextRetry(worst, worstUrl);
            if (!judge(worst)) {
                return false;
            }
        }
        return allStarted;
    }

    /** Whether the step may go on; an error stops the pass. */
    private static boolean judge(BranchCallResult result) {
        if (result.result() == ReplyOutcome.ONGOING) {
            return false;
        }
        if (!result.isSuccess()) {
            throw new DtmException(result.message());
        }
        return true;
    }

    private static int rank(BranchCallResult result) {
        return switch (result.result()) {
            case SUCCESS -> 0;
            case ONGOING -> 1;
            case FAILURE, RETRYABLE -> 2;
        };
    }

    /**
     * The step a branch belongs to: its id, or for a topic's subscriber ({@code 01-02})
     * the step's ({@code 01}).
     */
    private static String stepOf(TransBranch b) {
        String id = b.getBranchId();
        int dash = id.indexOf('-');
        return (dash < 0) ? id : id.substring(0, dash);
    }

    private void runConcurrently(TransRun run, List<TransBranch> branches) {
        List<CompletableFuture<BranchCallResult>> calls = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            TransBranch b = branches.get(i);
            int position = i;
            if (BranchOp.ACTION.is(b.getOp()) && b.getStatus() == TransStatus.PREPARED && run.canStartBranch()) {
                calls.add(CompletableFuture.supplyAsync(() -> run.execBranch(b, position),
                        run.context().branchExecutor()));
            }
        }
        for (CompletableFuture<BranchCallResult> call : calls) {
            call.join();
        }
    }

    static long delaySeconds(String customData) {
        if (customData == null || customData.isBlank()) {
            return 0;
        }
        Map<String, Object> map = TransJson.readObject(customData);
        return map.get("delay") instanceof Number n ? n.longValue() : 0;
    }

}
