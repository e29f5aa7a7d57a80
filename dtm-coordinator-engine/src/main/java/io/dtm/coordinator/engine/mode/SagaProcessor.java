package io.dtm.coordinator.engine.mode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import org.jspecify.annotations.Nullable;

/**
 * Saga (docs/protocol.md#saga): branches are pairs {@code [compensate_k, action_k]};
 * actions run forward (in sequence, or by the DAG of {@code orders} when concurrent); on
 * failure, timeout or retry limit the transaction turns aborting and every step whose
 * action may have run is compensated, successors first.
 */
class SagaProcessor implements ModeProcessor {

    @Override
    public TransType type() {
        return TransType.SAGA;
    }

    @Override
    public List<TransBranch> generateBranches(TransGlobal g, Instant now) {
        List<TransBranch> branches = new ArrayList<>();
        for (int i = 0; i < g.getSteps().size(); i++) {
            Map<String, String> step = g.getSteps().get(i);
            byte[] payload = StepPayloads.of(g, i);
            String branchId = BranchIds.ofStep(i);
            branches.add(new TransBranch(g.getGid(), step.get(BranchOp.COMPENSATE.wireName()), payload, branchId,
                    BranchOp.COMPENSATE, TransStatus.PREPARED, now));
            branches.add(new TransBranch(g.getGid(), step.get(BranchOp.ACTION.wireName()), payload, branchId,
                    BranchOp.ACTION, TransStatus.PREPARED, now));
        }
        return branches;
    }

    /** The saga fields of custom_data: {@code concurrent} and the step {@code orders}. */
    static void validateCustomData(JsonNode data, TransRequest r) {
        Map<String, JsonNode> f = TransRequestValidator.customFields(data, "concurrent", "orders");
        JsonNode concurrent = f.get("concurrent");
        if (concurrent != null && !concurrent.isNull() && !concurrent.isBoolean()) {
            throw new InvalidRequestException(
                    "custom_data.concurrent must be true or false, got " + TransRequestValidator.kind(concurrent));
        }
        TransRequestValidator.validateOrders(f.get("orders"), r.getSteps() == null ? 0 : r.getSteps().size());
    }

    @Override
    public void processOnce(TransRun run, List<TransBranch> branches) {
        new Pass(run, branches, SagaCustomData.parse(run.global().getCustomData())).run();
    }

    /**
     * {@code custom_data} of a saga: {@code {"concurrent":true,"orders":{"1":[0]}}}, step
     * indexes 0-based.
     */
    record SagaCustomData(boolean concurrent, Map<Integer, List<Integer>> orders) {

        @SuppressWarnings("unchecked")
        static SagaCustomData parse(String customData) {
            if (customData == null || customData.isBlank()) {
                return new SagaCustomData(false, Map.of());
            }
            Map<String, Object> map = TransJson.readObject(customData);
            Map<Integer, List<Integer>> orders = new HashMap<>();
            if (map.get("orders") instanceof Map<?, ?> raw) {
                raw.forEach((step, pres) -> {
                    List<Integer> list = new ArrayList<>();
                    for (Object pre : (List<Object>) pres) {
                        list.add(((Number) pre).intValue());
                    }
                    orders.put(Integer.parseInt(String.valueOf(step)), list);
                });
            }
            return new SagaCustomData(Boolean.TRUE.equals(map.get("concurrent")), orders);
        }
    }

    private record Done(int index, @Nullable BranchCallResult result, @Nullable RuntimeException error) {
    }

    private static final class Pass {

        private final TransRun run;

        private final List<TransBranch> branches;

        private final SagaCustomData custom;

        private final TransStatus[] status;

        private final boolean[] started;

        private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();

        private final long awaitNanos;

        private int running;

        private boolean abandoned;

        private int failedAction = -1;

        private String failureText;

        private boolean retryLimitHit;

        Pass(TransRun run, List<TransBranch> branches, SagaCustomData custom) {
            this.run = run;
            this.branches = branches;
            this.custom = custom;
            this.status = new TransStatus[branches.size()];
            this.started = new boolean[branches.size()];
            for (int i = 0; i < branches.size(); i++) {
                status[i] = branches.get(i).getStatus();
                if (isAction(i) && status[i] == TransStatus.FAILED) {
                    failedAction = i;
                    failureText = "fail message lost";
                }
            }
            // a call ends by its own timeouts; this only guards against a call that never
            // returns
            this.awaitNanos = TransRun.callBudget(run.global(), run.context().settings()).plusSeconds(2).toNanos();
        }

        void run() {
            if (run.status() == TransStatus.SUBMITTED && run.isTimeout()) {
                run.changeStatus(TransStatus.ABORTING, run.timeoutReason(), null);
            }
            forward();
            if (run.status() == TransStatus.SUBMITTED && failedAction < 0 && !retryLimitHit && allActionsSucceeded()) {
                run.changeStatus(TransStatus.SUCCEED);
                return;
            }
            if (run.status() == TransStatus.SUBMITTED) {
                if (failedAction >= 0) {
                    run.changeStatus(TransStatus.ABORTING, failureText, null);
                }
                else if (retryLimitHit) {
                    run.changeStatus(TransStatus.ABORTING, "RetryCount is greater than RetryLimit, RetryLimit: "
                            + run.global().getOptions().getRetryLimit(), null);
                }
                else if (run.isTimeout()) {
                    run.changeStatus(TransStatus.ABORTING, run.timeoutReason(), null);
                }
            }
            if (run.status() == TransStatus.ABORTING) {
                backward();
            }
        }

        private void forward() {
            long retryLimit = run.global().getOptions().getRetryLimit();
            while (run.status() == TransStatus.SUBMITTED && !run.isTimeout() && failedAction < 0 && !retryLimitHit) {
                start(pickActions());
                if (running == 0) {
                    return;
                }
                Done d = awaitOne();
                if (d == null) {
                    return;
                }
                if (status[d.index] == TransStatus.FAILED) {
                    failedAction = d.index;
                    failureText = "url:" + branches.get(d.index).getUrl() + " return failed: " + d.result.message();
                }
                else if (status[d.index] == TransStatus.PREPARED && retryLimit > 0) {
                    TransGlobal g = run.global();
                    if (g.getOptions().getRetryCount() < retryLimit) {
                        g.getOptions().setRetryCount(g.getOptions().getRetryCount() + 1);
                        started[d.index] = false;
                    }
                    else {
                        retryLimitHit = true;
                    }
                }
            }
        }

        private void backward() {
            for (int a : pickActions()) {
                status[a] = TransStatus.SUCCEED;
            }
            for (int a = 1; a < status.length; a += 2) {
                if (started[a] && status[a] == TransStatus.PREPARED) {
                    status[a] = TransStatus.SUCCEED;
                }
            }
            for (int i = 0; i < started.length; i++) {
                started[i] = false;
            }
            while (run.status() == TransStatus.ABORTING) {
                start(pickCompensates());
                if (running == 0 || awaitOne() == null) {
                    break;
                }
            }
            if (run.status() == TransStatus.ABORTING && running == 0 && allRequiredCompensated()) {
                run.changeStatus(TransStatus.FAILED);
            }
        }

        private List<Integer> pickActions() {
            List<Integer> toRun = new ArrayList<>();
            for (int a = 1; a < status.length; a += 2) {
                if (!started[a] && status[a] == TransStatus.PREPARED && preconditionsSucceeded(a)) {
                    toRun.add(a);
                }
            }
            return toRun;
        }

        private boolean preconditionsSucceeded(int action) {
            if (!custom.concurrent() && action >= 3 && status[action - 2] != TransStatus.SUCCEED) {
                return false;
            }
            for (int pre : custom.orders().getOrDefault(action / 2, List.of())) {
                if (status[pre * 2 + 1] != TransStatus.SUCCEED) {
                    return false;
                }
            }
            return true;
        }

        private List<Integer> pickCompensates() {
            List<Integer> toRun = new ArrayList<>();
            for (int c = 0; c < status.length; c += 2) {
                if (!started[c] && compensationRequired(c) && successorsRolledBack(c / 2)) {
                    toRun.add(c);
                }
            }
            return toRun;
        }

        private boolean compensationRequired(int compensate) {
            return status[compensate] != TransStatus.SUCCEED && status[compensate + 1] != TransStatus.PREPARED;
        }

        private boolean successorsRolledBack(int step) {
            int steps = status.length / 2;
            if (!custom.concurrent()) {
                return step + 1 >= steps || rolledBack(step + 1);
            }
            for (int next = 0; next < steps; next++) {
                if (custom.orders().getOrDefault(next, List.of()).contains(step) && !rolledBack(next)) {
                    return false;
                }
            }
            return true;
        }

        private boolean rolledBack(int step) {
            return status[step * 2] == TransStatus.SUCCEED || status[step * 2 + 1] == TransStatus.PREPARED;
        }

        private boolean allActionsSucceeded() {
            for (int a = 1; a < status.length; a += 2) {
                if (status[a] != TransStatus.SUCCEED) {
                    return false;
                }
            }
            return true;
        }

        private boolean allRequiredCompensated() {
            for (int c = 0; c < status.length; c += 2) {
                if (compensationRequired(c)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Starts branches while the pass's hold covers them; the results they depend on
         * are stored first (the branches picked now may depend on any result of this
         * pass) unless none of them calls anything. A lone branch runs on this thread,
         * saving a hand-off on the common sequential path.
         */
        private void start(List<Integer> toRun) {
            if (toRun.isEmpty() || !run.canStartBranch()) {
                return;
            }
            if (run.hasUnstoredResults() && callsSomething(toRun)) {
                run.storeResults();
            }
            for (int i : toRun) {
                started[i] = true;
                running++;
                if (toRun.size() == 1 && running == 1) {
                    done.add(exec(i));
                }
                else {
                    run.context().branchExecutor().execute(() -> done.add(exec(i)));
                }
            }
        }

        /**
         * A branch without a URL applies nothing (dtm counts it as an instant success),
         * so it needs no fence.
         */
        private boolean callsSomething(List<Integer> toRun) {
            for (int i : toRun) {
                String url = branches.get(i).getUrl();
                if (url != null && !url.isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        private Done exec(int i) {
            try {
                return new Done(i, run.execBranch(branches.get(i), i), null);
            }
            catch (RuntimeException ex) {
                return new Done(i, null, ex);
            }
        }

        /**
         * The next finished call, or null (the pass gives up on the calls still running)
         * when none ends in time.
         */
        private Done awaitOne() {
            if (abandoned) {
                return null;
            }
            Done d;
            try {
                d = done.poll(awaitNanos, TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("saga pass interrupted", ex);
            }
            if (d == null) {
                abandoned = true;
                return null;
            }
            running--;
            if (d.error != null) {
                throw d.error;
            }
            status[d.index] = branches.get(d.index).getStatus();
            return d;
        }

        private static boolean isAction(int index) {
            return index % 2 == 1;
        }

    }

}
