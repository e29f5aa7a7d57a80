package io.dtm.coordinator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;

/**
 * 2-phase message (docs/protocol.md#msg): a prepared message that timed out is resolved
 * by the back-check ({@code query_prepared}); a submitted one runs its actions in order
 * (or all at once when concurrent) until each has succeeded. {@code topic://name} steps
 * fan out to the topic's subscribers.
 */
class MsgProcessor implements ModeProcessor {

    private final TopicService topics;

    MsgProcessor(TopicService topics) {
        this.topics = topics;
    }

    @Override
    public List<TransBranch> generateBranches(TransGlobal g, Instant now) {
        List<TransBranch> branches = new ArrayList<>();
        String op = BranchOp.ACTION.wireName();
        String prepared = TransStatus.PREPARED.wireName();
        for (int i = 0; i < g.getSteps().size(); i++) {
            String action = g.getSteps().get(i).get(op);
            byte[] payload = StepPayloads.of(g, i);
            String branchId = BranchIds.ofStep(i);
            if (action != null && action.startsWith(TopicService.TOPIC_PREFIX)) {
                List<String> urls = topics.subscriberUrls(action.substring(TopicService.TOPIC_PREFIX.length()));
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
        if (TransStatus.PREPARED.is(g.getStatus()) && run.isTimeout()) {
            backCheck(run);
        }
        if (!TransStatus.SUBMITTED.is(g.getStatus())) {
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
        else {
            for (int i = 0; i < branches.size(); i++) {
                TransBranch b = branches.get(i);
                if (BranchOp.ACTION.is(b.getOp()) && TransStatus.PREPARED.is(b.getStatus())) {
                    if (!run.canStartBranch()) {
                        return;
                    }
                    BranchCallResult result = run.execBranch(b, i);
                    if (result.result() == ReplyOutcome.ONGOING) {
                        return;
                    }
                    if (!result.isSuccess()) {
                        throw new DtmException(result.message());
                    }
                }
            }
        }
        if (branches.stream().allMatch(b -> TransStatus.SUCCEED.is(b.getStatus()))) {
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

    private void runConcurrently(TransRun run, List<TransBranch> branches) {
        List<CompletableFuture<BranchCallResult>> calls = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            TransBranch b = branches.get(i);
            int position = i;
            if (BranchOp.ACTION.is(b.getOp()) && TransStatus.PREPARED.is(b.getStatus()) && run.canStartBranch()) {
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
