package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.TransProcessor;
import io.dtm.coordinator.scenario.BarrierBusi.Applied;
import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;

/**
 * Two processing passes over one saga, interleaved by hand: the submit's own pass or a
 * poller pass is held inside a branch call (its work applied, its reply not yet back)
 * while time moves on and another pass is tried. Whatever the interleaving, a saga must
 * end {@code succeed} with every action applied once and nothing compensated, or
 * {@code failed} with every applied action compensated once.
 */
class OverlappingPassesTests extends ScenarioTestBase {

    @Autowired
    private BarrierBusi barrier;

    @Autowired
    private TransStore store;

    @Autowired
    private TransProcessor processor;

    @Test
    void pollerPassDuringTheSubmitPassLeavesNoAppliedActionUncompensated() throws Exception {
        String gid = gid("overlapSubmit");
        int passes = submitHeldAt("TransIn", barrierSaga(gid, 3));

        // past the timeout and the retry interval, while the submit's pass still waits
        // for TransIn
        clock.advance(Duration.ofSeconds(4));
        assertThat(cronPicks(gid)).as("a transaction is not picked while a pass holds it").isFalse();

        // past the hold: the poller takes over and decides the rollback from what was
        // stored
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.FAILED.wireName());

        barrier.open(gid, "TransIn");
        awaitPasses(gid, passes + 2);
        assertConsistent(gid);
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.FAILED.wireName());
        assertThat(barrier.ledger(gid)).contains(new Applied(gid, "02", "compensate"));
    }

    @Test
    void twoPollerPassesNeverWorkOnOneSagaAtOnce() throws Exception {
        String gid = gid("overlapReplicas");
        barrier.failOnce(gid, "TransOut");
        int passes = processed.passes(gid);
        assertThat(dtm.post("/api/dtmsvr/submit", barrierSaga(gid, 20)).status()).isEqualTo(200);
        awaitPasses(gid, passes + 1);

        barrier.gate(gid, "TransIn");
        clock.advance(Duration.ofSeconds(5));
        Thread first = new Thread(() -> cronPicks(gid), "replica-1");
        first.start();
        barrier.awaitHeld(gid, "TransIn");

        // past the timeout and far past any retry interval, while the first replica still
        // waits for TransIn
        clock.advance(Duration.ofSeconds(16));
        assertThat(cronPicks(gid)).as("a second replica does not pick a transaction another one holds").isFalse();

        cronOnce(gid);
        barrier.open(gid, "TransIn");
        first.join(20_000);
        assertThat(first.isAlive()).isFalse();
        assertConsistent(gid);
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.FAILED.wireName());
    }

    @Test
    void aPollerProcessesClaimedTransactionsSideBySideButEachOnce() throws Exception {
        List<String> gids = List.of(gid("sideBySideA"), gid("sideBySideB"));
        for (String gid : gids) {
            barrier.failOnce(gid, "TransOut");
            int passes = processed.passes(gid);
            assertThat(dtm.post("/api/dtmsvr/submit", barrierSaga(gid, 0)).status()).isEqualTo(200);
            awaitPasses(gid, passes + 1);
            barrier.gate(gid, "TransOut");
        }
        clock.advance(Duration.ofSeconds(5));

        CronPoller concurrent = new CronPoller(store, processor, true, 4);
        concurrent.start();
        try {
            // both retries wait at TransOut at once: two passes of one poller in flight
            // together
            for (String gid : gids) {
                barrier.awaitHeld(gid, "TransOut");
            }
            assertThat(cronPicks(gids.get(0)) || cronPicks(gids.get(1))).as("a held transaction is not claimed again")
                .isFalse();
            gids.forEach(gid -> barrier.open(gid, "TransOut"));
            await().atMost(Duration.ofSeconds(20))
                .until(() -> gids.stream().allMatch(gid -> TransStatus.SUCCEED.is(dtm.status(gid))));
        }
        finally {
            concurrent.stop();
        }
        for (String gid : gids) {
            assertThat(barrier.calls(gid)).containsExactly("TransOut", "TransIn");
            assertConsistent(gid);
        }
    }

    @Test
    void aPassStartsNoBranchOnceItsHoldHasRunOut() throws Exception {
        String gid = gid("overlapLate");
        int passes = submitHeldAt("TransOut", barrierSaga(gid, 0));

        clock.advance(CRON_FORWARD);
        barrier.open(gid, "TransOut");
        awaitPasses(gid, passes + 1);
        assertThat(barrier.calls(gid)).as("TransIn would start after the hold ended").containsExactly("TransOut");
        assertThat(dtm.branchStatuses(gid)).as("TransOut's result was stored")
            .containsExactly("prepared", "succeed", "prepared", "prepared");

        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.SUCCEED.wireName());
        assertThat(barrier.calls(gid)).containsExactly("TransOut", "TransIn");
        assertConsistent(gid);
    }

    @Test
    void timeoutExpiringWhileAPassIsMidFlightEndsConsistently() throws Exception {
        String gid = gid("overlapTimeout");
        int passes = submitHeldAt("TransIn", barrierSaga(gid, 3));

        clock.advance(Duration.ofSeconds(4));
        barrier.open(gid, "TransIn");
        awaitPasses(gid, passes + 1);
        finishByPoller(gid);
        assertConsistent(gid);
    }

    @Test
    void aPassThatNeverHearsBackIsTakenOverWithoutApplyingAnythingTwice() throws Exception {
        String gid = gid("overlapLost");
        int passes = submitHeldAt("TransIn", barrierSaga(gid, 0));

        // the pass that sent TransIn hears nothing within its hold, and the poller takes
        // the saga over; but this replica does not call TransIn again while its first
        // call is in flight (another replica would, and the barrier makes that harmless)
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.SUBMITTED.wireName());
        assertThat(barrier.calls(gid)).containsExactly("TransOut", "TransIn");

        barrier.open(gid, "TransIn");
        awaitPasses(gid, passes + 2);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.SUCCEED.wireName());
        assertThat(barrier.calls(gid)).containsExactly("TransOut", "TransIn", "TransIn");
        assertConsistent(gid);
    }

    @Test
    void aReplySlowerThanTheRequestTimeoutIsCompensatedWhenTheSagaTimesOut() throws Exception {
        String gid = gid("overlapSlow");
        // the request timeout bounds the whole call, TransOut's too: short, yet long
        // enough for a slow test machine, and well within timeout_to_fail
        Map<String, Object> body = barrierSaga(gid, 10);
        body.put("request_timeout", 3);
        int passes = submitHeldAt("TransIn", body);
        // the coordinator gives up on TransIn after 3 s; TransIn has committed and
        // answers later still
        awaitPasses(gid, passes + 1);
        assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "prepared");

        cronOnce(gid);
        barrier.open(gid, "TransIn");
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.FAILED.wireName());
        assertConsistent(gid);
        assertThat(barrier.ledger(gid)).contains(new Applied(gid, "02", "compensate"));
    }

    @Test
    void aRepeatedSubmitDoesNotStartASecondPassWhileOneHoldsTheSaga() throws Exception {
        String gid = gid("overlapResubmit");
        Map<String, Object> body = barrierSaga(gid, 0);
        int passes = submitHeldAt("TransIn", body);

        body.put("wait_result", true);
        HttpReply again = dtm.post("/api/dtmsvr/submit", body);
        assertThat(again.status()).as("reply %s", again).isEqualTo(425);
        assertThat(again.json()).containsEntry("dtm_result", "ONGOING");
        assertThat(barrier.calls(gid)).containsExactly("TransOut", "TransIn");

        barrier.open(gid, "TransIn");
        awaitPasses(gid, passes + 1);
        assertThat(dtm.status(gid)).isEqualTo(TransStatus.SUCCEED.wireName());
        assertThat(barrier.calls(gid)).containsExactly("TransOut", "TransIn");
        assertConsistent(gid);
    }

    @Test
    void aTransactionThatFailsEveryPassBacksOffAndShowsItsError() {
        String gid = gid("poison");
        Instant now = clock.instant();
        TransGlobal g = new TransGlobal();
        g.setGid(gid);
        g.setTransType("saga");
        g.setStatus(TransStatus.SUBMITTED.wireName());
        g.setProtocol("http");
        // written by another program: orders that are not lists of step indexes
        g.setCustomData("{\"concurrent\":true,\"orders\":{\"1\":\"zero\"}}");
        g.setSteps(List.of(step("TransOut", "TransOutRevert"), step("TransIn", "TransInRevert")));
        g.setPayloads(List.of("{}", "{}"));
        g.setCreateTime(now);
        g.setUpdateTime(now);
        g.setNextCronInterval(2);
        g.setNextCronTime(now.minusSeconds(1));
        List<TransBranch> branches = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = String.format("%02d", i + 1);
            byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
            branches.add(new TransBranch(gid, g.getSteps().get(i).get("compensate"), payload, id, "compensate",
                    TransStatus.PREPARED.wireName(), now));
            branches.add(new TransBranch(gid, g.getSteps().get(i).get("action"), payload, id, "action",
                    TransStatus.PREPARED.wireName(), now));
        }
        assertThat(store.insertGlobal(g, branches)).isTrue();

        List<Long> intervals = new ArrayList<>();
        for (int pass = 1; pass <= 3; pass++) {
            cronOnce(gid, Duration.ofSeconds(40));
            Map<String, Object> t = dtm.transaction(gid);
            assertThat(t.get("status")).isEqualTo(TransStatus.SUBMITTED.wireName());
            assertThat((String) t.get("ext_data")).contains("\"last_error\"")
                .contains("ClassCastException")
                .contains("\"error_passes\":" + pass);
            intervals.add(((Number) t.get("next_cron_interval")).longValue());
        }
        assertThat(intervals).as("the retry interval doubles on every failing pass").containsExactly(4L, 8L, 16L);
        assertThat(busi.calls(gid)).as("no branch of a transaction the coordinator cannot read").isEmpty();
    }

    /**
     * Submits {@code body} with the first call of {@code route} held after its work was
     * applied; returns the saga's pass count before the submit.
     */
    private int submitHeldAt(String route, Map<String, Object> body) throws InterruptedException {
        String gid = (String) body.get("gid");
        barrier.gate(gid, route);
        int passes = processed.passes(gid);
        assertThat(dtm.post("/api/dtmsvr/submit", body).status()).isEqualTo(200);
        barrier.awaitHeld(gid, route);
        return passes;
    }

    /**
     * TransOut then TransIn on the barrier-protected service; timeout_to_fail when
     * positive.
     */
    private Map<String, Object> barrierSaga(String gid, int timeoutToFail) {
        Map<String, Object> body = trans(gid, "saga");
        String url = "http://localhost:" + port + "/api/barrier-busi/";
        body.put("steps", List.of(Map.of("action", url + "TransOut", "compensate", url + "TransOutRevert"),
                Map.of("action", url + "TransIn", "compensate", url + "TransInRevert")));
        body.put("payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
        body.put("retry_interval", 2);
        // longer than any hold of a branch reply in these tests: only the coordinator's
        // clock decides
        body.put("request_timeout", 30);
        if (timeoutToFail > 0) {
            body.put("timeout_to_fail", timeoutToFail);
        }
        return body;
    }

    private void finishByPoller(String gid) {
        for (int i = 0; i < 5 && !TransStatus.isFinished(dtm.status(gid)); i++) {
            cronOnce(gid);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TransStatus.isFinished(dtm.status(gid)));
    }

    /**
     * A finished saga either succeeded with both actions applied once and nothing
     * compensated, or failed with every applied action compensated once.
     */
    private void assertConsistent(String gid) {
        String status = dtm.status(gid);
        assertThat(status).isIn(TransStatus.SUCCEED.wireName(), TransStatus.FAILED.wireName());
        List<Applied> ledger = barrier.ledger(gid);
        assertThat(ledger).as("nothing applied twice").doesNotHaveDuplicates();
        Set<String> actions = branchIds(ledger, "action");
        Set<String> compensations = branchIds(ledger, "compensate");
        if (TransStatus.SUCCEED.is(status)) {
            assertThat(actions).containsExactlyInAnyOrder("01", "02");
            assertThat(compensations).isEmpty();
        }
        else {
            assertThat(compensations).as("every applied action of a failed saga compensated; ledger %s", ledger)
                .isEqualTo(actions);
        }
    }

    private static Set<String> branchIds(List<Applied> ledger, String op) {
        return ledger.stream()
            .filter(a -> a.op().equals(op))
            .map(Applied::branchId)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

}
