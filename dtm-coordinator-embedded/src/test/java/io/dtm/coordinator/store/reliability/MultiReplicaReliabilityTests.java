package io.dtm.coordinator.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.reliability.BusiRecorder.Call;
import io.dtm.coordinator.store.reliability.BusiRecorder.Reply;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;

/**
 * Three coordinator replicas, each with its own store instance on one shared database,
 * take a burst of sagas submitted round-robin; branches fail, time out with errors,
 * answer ONGOING, and are retried by whichever replica's poller claims the transaction.
 * Every transaction must end in the status its plan implies, no branch may be called once
 * its transaction has finished, and no branch result may be lost.
 */
public abstract class MultiReplicaReliabilityTests {

    private static final int TRANSACTIONS = 60;

    private static final int STEPS = 3;

    /**
     * The transactions' retry interval in seconds: short, so the replicas' pollers retry
     * them often.
     */
    private static final long RETRY_INTERVAL = 3;

    /**
     * How the branches of saga {@code i} behave, by kind = i % 5: 0 all succeed; 1 action
     * 02 errors once; 2 action 03 FAILURE and compensate 02 errors once; 3 action 01
     * ONGOING once, then action 02 FAILURE; 4 action 01 FAILURE.
     */
    private static final List<List<String>> EXPECTED = List.of(
            List.of("prepared", "succeed", "prepared", "succeed", "prepared", "succeed"),
            List.of("prepared", "succeed", "prepared", "succeed", "prepared", "succeed"),
            List.of("succeed", "succeed", "succeed", "succeed", "succeed", "failed"),
            List.of("succeed", "succeed", "succeed", "failed", "prepared", "prepared"),
            List.of("succeed", "failed", "prepared", "prepared", "prepared", "prepared"));

    /**
     * A store instance on the shared database or key space; the first call prepares it
     * (fresh schema).
     */
    protected abstract TransStore newStore(boolean first);

    @Test
    void threeReplicasFinishEveryTransactionWithoutLateCallsOrLostResults() throws Exception {
        TransStore checker = newStore(true);
        Map<String, Integer> kinds = new ConcurrentHashMap<>();
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        Queue<String> lateCalls = new ConcurrentLinkedQueue<>();
        List<Replica> replicas = new ArrayList<>();
        try (BusiRecorder busi = new BusiRecorder(q -> {
            String gid = q.get("gid");
            String status = checker.findGlobal(gid).map(g -> g.getStatus().wireName()).orElse("missing");
            if (TransStatus.isFinished(status)) {
                lateCalls.add(gid + " " + q.get("branch_id") + "/" + q.get("op") + " called while " + status);
            }
            String branch = q.get("branch_id") + "/" + q.get("op");
            int attempt = attempts.merge(gid + " " + branch, 1, Integer::sum);
            return reply(kinds.get(gid), branch, attempt);
        })) {
            for (int i = 0; i < 3; i++) {
                replicas.add(new Replica(newStore(false), Replica.settings()));
            }
            // warm up every replica (JIT, pools) so the burst is not processed by cold
            // code
            List<String> warmup = new ArrayList<>();
            for (int i = 0; i < 3 * replicas.size(); i++) {
                String gid = "warm-" + UUID.randomUUID();
                kinds.put(gid, 0);
                warmup.add(gid);
                replicas.get(i % replicas.size()).service.submit(saga(gid, busi));
            }
            await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> warmup.stream()
                    .allMatch(g -> checker.findGlobal(g).orElseThrow().getStatus().isFinished()));

            List<String> gids = new ArrayList<>();
            for (int i = 0; i < TRANSACTIONS; i++) {
                String gid = "rel-" + UUID.randomUUID();
                kinds.put(gid, i % EXPECTED.size());
                gids.add(gid);
                replicas.get(i % replicas.size()).service.submit(saga(gid, busi));
            }

            await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> gids.stream().allMatch(g -> checker.findGlobal(g).orElseThrow().getStatus().isFinished()));

            for (String gid : gids) {
                int kind = kinds.get(gid);
                boolean fails = kind >= 2;
                assertThat(checker.findGlobal(gid).orElseThrow().getStatus()).as(gid + " kind " + kind)
                    .isEqualTo(fails ? TransStatus.FAILED : TransStatus.SUCCEED);
                List<TransBranch> branches = checker.findBranches(gid);
                assertThat(branches).extracting((b) -> b.getStatus().wireName())
                    .as(gid + " kind " + kind)
                    .containsExactlyElementsOf(EXPECTED.get(kind));
                // every answer the business gave is what the store holds: no branch
                // result lost or overwritten
                for (Call call : busi.calls(gid)) {
                    TransBranch stored = branches.stream()
                        .filter(b -> b.getBranchId().equals(call.branchId()) && b.getOp().equals(call.op()))
                        .findFirst()
                        .orElseThrow();
                    if (call.reply().equals(Reply.SUCCESS)) {
                        assertThat(stored.getStatus()).as(gid + " " + call).isEqualTo(TransStatus.SUCCEED);
                    }
                    else if (call.reply().equals(Reply.FAILURE)) {
                        assertThat(stored.getStatus()).as(gid + " " + call).isEqualTo(TransStatus.FAILED);
                    }
                    // a branch still prepared in the end was never answered with success
                    // or failure
                }
                // a branch whose final status is prepared was never called at all
                for (TransBranch b : branches) {
                    if (b.getStatus() == TransStatus.PREPARED) {
                        assertThat(busi.calls(gid)).as(gid + " " + b.getBranchId() + "/" + b.getOp())
                            .noneMatch(c -> c.branchId().equals(b.getBranchId()) && c.op().equals(b.getOp()));
                    }
                }
            }
            assertThat(lateCalls).as("branches called after their transaction finished").isEmpty();
        }
        finally {
            replicas.forEach(Replica::close);
            checker.close();
        }
    }

    private static Reply reply(int kind, String branch, int attempt) {
        return switch (kind) {
            case 1 -> branch.equals("02/action") && attempt == 1 ? Reply.ERROR : Reply.SUCCESS;
            case 2 -> branch.equals("03/action") ? Reply.FAILURE
                    : branch.equals("02/compensate") && attempt == 1 ? Reply.ERROR : Reply.SUCCESS;
            case 3 -> branch.equals("01/action") && attempt == 1 ? Reply.ONGOING
                    : branch.equals("02/action") ? Reply.FAILURE : Reply.SUCCESS;
            case 4 -> branch.equals("01/action") ? Reply.FAILURE : Reply.SUCCESS;
            default -> Reply.SUCCESS;
        };
    }

    private static TransRequest saga(String gid, BusiRecorder busi) {
        List<Map<String, String>> steps = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            steps.add(Map.of("action", busi.url("action"), "compensate", busi.url("compensate")));
            payloads.add("{\"step\":" + s + "}");
        }
        TransRequest request = new TransRequest(gid, "saga");
        request.setSteps(steps);
        request.setPayloads(payloads);
        request.setWaitResult(false);
        request.setRetryInterval(RETRY_INTERVAL);
        return request;
    }

}
