package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * dtm's saga_test.go, saga_options_test.go, saga_concurrent_test.go and
 * saga_compatible_test.go.
 */
class SagaScenariosTests extends ScenarioTestBase {

    private static final String P = "prepared";

    private static final String S = "succeed";

    private static final String F = "failed";

    @Test
    void normal() {
        String gid = gid("sagaNormal");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(P, S, P, S);
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransIn");
        Busi.Call first = busi.calls(gid).get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.query()).containsEntry("gid", gid)
            .containsEntry("trans_type", "saga")
            .containsEntry("branch_id", "01")
            .containsEntry("op", "action");
        assertThat(first.headers()).containsEntry("content-type", "application/json");
        assertThat(first.body()).isEqualTo("{\"amount\":30}");
        assertThat(busi.calls(gid).get(1).query()).containsEntry("branch_id", "02");
    }

    @Test
    void rollbackCompensatesTheFailedActionToo() {
        String gid = gid("sagaRollback");
        busi.setOnce(gid, "TransIn", "FAILURE");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, S, S, F);
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransIn", "TransInRevert", "TransOutRevert");
        assertThat((String) dtm.transaction(gid).get("rollback_reason")).contains("Insufficient balance");
    }

    @Test
    void ongoingActionIsRetriedByThePoller() {
        String gid = gid("sagaOngoing");
        busi.setOnce(gid, "TransOut", "ONGOING");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        assertThat(dtm.branchStatuses(gid)).containsExactly(P, P, P, P);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(P, S, P, S);
    }

    @Test
    void compensateErrorLeavesAbortingUntilThePollerRetries() {
        String gid = gid("sagaFailed");
        busi.setOnce(gid, "TransIn", "FAILURE");
        busi.setOnce(gid, "TransOutRevert", "ERROR");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("aborting");
        assertThat(dtm.branchStatuses(gid)).containsExactly(P, S, S, F);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, S, S, F);
    }

    @Test
    void secondSubmitWhileSubmittedIsAcceptedAndSubmitAfterSuccessIsRefused() {
        String gid = gid("sagaAbnormal");
        busi.setOnce(gid, "TransOut", "ONGOING");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        HttpReply again = dtm.post("/api/dtmsvr/submit", saga(gid));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("dtm_result", "FAILURE");
        assertThat((String) again.json().get("message")).contains("current status 'succeed'");
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransOut", "TransIn");
    }

    @Test
    void emptyUrlsCountAsSuccess() {
        String gid = gid("sagaEmptyUrl");
        Map<String, Object> body = saga(gid);
        body.put("steps", List.of(Map.of("action", "", "compensate", ""), step("TransIn", "TransInRevert")));
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.routes(gid)).containsExactly("TransIn");
    }

    @Test
    void legacyBodyResultFailureIsAFailure() {
        String gid = gid("sagaOld");
        Map<String, Object> body = saga(gid);
        body.put("steps", List.of(step("TransOutOld", "TransOutRevertOld"), step("TransInOld", "TransInRevertOld")));
        busi.setOnce(gid, "TransInOld", "FAILURE");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, S, S, F);
    }

    @Test
    void legacyPayloadsInStepData() {
        String gid = gid("sagaCompatible");
        String json = "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"steps\":[{\"action\":\"" + busiUrl()
                + "/TransOut\",\"compensate\":\"" + busiUrl() + "/TransOutRevert\",\"data\":\"{\\\"amount\\\":30}\"}]}";
        int before = processed.passes(gid);
        assertThat(dtm.post("/api/dtmsvr/submit", json).status()).isEqualTo(200);
        awaitPasses(gid, before + 1);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.calls(gid).get(0).body()).isEqualTo("{\"amount\":30}");
    }

    @Test
    void retryOngoingKeepsTheTransactionsInterval() {
        String gid = gid("sagaRetryOngoing");
        Map<String, Object> body = saga(gid);
        body.put("retry_interval", 150);
        busi.setOnce(gid, "TransOut", "ONGOING");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        assertThat(((Number) dtm.transaction(gid).get("next_cron_interval")).longValue()).isEqualTo(150);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void retryErrorBacksOff() {
        String gid = gid("sagaRetryError");
        Map<String, Object> body = saga(gid);
        body.put("retry_interval", 100);
        busi.setOnce(gid, "TransOut", "ERROR");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        // its own interval is longer than dtm.coordinator.max-retry-interval: it stays
        assertThat(((Number) dtm.transaction(gid).get("next_cron_interval")).longValue()).isEqualTo(100);
        clock.advance(java.time.Duration.ofSeconds(50));
        assertThat(cronPicks(gid)).as("not due before its interval").isFalse();
        cronOnce(gid, java.time.Duration.ofSeconds(60));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void backoffStopsDoublingAtTheMaxRetryInterval() {
        String gid = gid("sagaBackoffCap");
        busi.setOnce(gid, "TransOut", "ERROR", "ERROR", "ERROR", "ERROR", "ERROR", "ERROR", "ERROR");
        submitAndWait(saga(gid));
        List<Long> intervals = new java.util.ArrayList<>();
        for (int failed = 1; failed <= 7; failed++) {
            Map<String, Object> t = dtm.transaction(gid);
            long interval = ((Number) t.get("next_cron_interval")).longValue();
            intervals.add(interval);
            java.time.Instant next = java.time.Instant.parse((String) t.get("next_cron_time"));
            assertThat(next).as("next retry after failure %d", failed)
                .isBeforeOrEqualTo(clock.instant().plusSeconds(60));
            cronOnce(gid, java.time.Duration.ofSeconds(interval + 1));
        }
        // 10 s base, doubling, capped at dtm.coordinator.max-retry-interval (1 min)
        assertThat(intervals).containsExactly(20L, 40L, 60L, 60L, 60L, 60L, 60L);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void timeoutAbortsAndCompensatesTheStartedAction() {
        String gid = gid("sagaTimeout");
        Map<String, Object> body = saga(gid);
        body.put("timeout_to_fail", 1800);
        busi.setOnce(gid, "TransOut", "ONGOING");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        cronOnce(gid, java.time.Duration.ofSeconds(3600));
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, P, P, P);
        assertThat((String) dtm.transaction(gid).get("rollback_reason")).matches("^Timeout after \\d+ seconds$");
    }

    @Test
    void waitResultReturnsAfterSuccess() {
        String gid = gid("sagaWait");
        Map<String, Object> body = saga(gid);
        body.put("wait_result", true);
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("dtm_result", "SUCCESS");
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void waitResultOfAnUnfinishedSagaIsAnError() {
        String gid = gid("sagaCommittedOngoingWait");
        Map<String, Object> body = saga(gid);
        body.put("wait_result", true);
        busi.setOnce(gid, "TransOut", "ONGOING");
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).isEqualTo(425);
        assertThat(reply.json()).containsEntry("dtm_result", "ONGOING");
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void waitResultOfARollbackCarriesTheReason() {
        String gid = gid("sagaRollbackWait");
        Map<String, Object> body = saga(gid);
        body.put("wait_result", true);
        busi.setOnce(gid, "TransIn", "FAILURE");
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json()).containsEntry("dtm_result", "FAILURE");
        assertThat((String) reply.json().get("message")).contains("Insufficient balance");
        assertThat(dtm.status(gid)).isEqualTo("failed");
    }

    @Test
    void branchHeadersReachEveryCallIncludingRetries() {
        String gid = gid("sagaHeaders");
        Map<String, Object> body = saga(gid);
        body.put("branch_headers", Map.of("test_header", "test"));
        busi.setOnce(gid, "TransIn", "ERROR");
        submitAndWait(body);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.calls(gid)).hasSize(3)
            .allSatisfy(c -> assertThat(c.headers()).containsEntry("test_header", "test"));
    }

    @Test
    void retryLimitRetriesInTheSamePass() {
        String gid = gid("sagaRetryLimitYes");
        Map<String, Object> body = saga(gid);
        body.put("retry_limit", 3);
        busi.setOnce(gid, "TransIn", "ERROR", "ERROR", "ERROR");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransIn", "TransIn", "TransIn", "TransIn");
    }

    @Test
    void retryLimitReachedAborts() {
        String gid = gid("sagaRetryLimitNo");
        Map<String, Object> body = saga(gid);
        body.put("retry_limit", 1);
        busi.setOnce(gid, "TransIn", "ERROR", "ERROR", "ERROR");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, S, S, P);
        assertThat((String) dtm.transaction(gid).get("rollback_reason"))
            .isEqualTo("RetryCount is greater than RetryLimit, RetryLimit: 1");
    }

    @Test
    void concurrentNormal() {
        String gid = gid("sagaConNormal");
        Map<String, Object> body = saga(gid);
        body.put("custom_data", "{\"concurrent\":true}");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(P, S, P, S);
    }

    @Test
    void concurrentRollbackWithOngoingCompensate() {
        String gid = gid("sagaConRollbackNormal");
        Map<String, Object> body = saga(gid);
        body.put("custom_data", "{\"concurrent\":true}");
        busi.setOnce(gid, "TransOut", "FAILURE");
        busi.setOnce(gid, "TransOutRevert", "ONGOING");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("aborting");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, F, S, S);
    }

    @Test
    void concurrentOrderStopsDependentSteps() {
        String gid = gid("sagaConRollbackOrder");
        Map<String, Object> body = saga(gid);
        body.put("custom_data", "{\"concurrent\":true,\"orders\":{\"1\":[0]}}");
        busi.setOnce(gid, "TransOut", "FAILURE");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, F, P, P);
        assertThat(busi.routes(gid)).doesNotContain("TransIn");
    }

    @Test
    void concurrentOrderRollsBackSuccessorsFirst() {
        String gid = gid("sagaConRollbackOrder2");
        Map<String, Object> body = saga(gid);
        body.put("custom_data", "{\"concurrent\":true,\"orders\":{\"1\":[0]}}");
        busi.setOnce(gid, "TransIn", "FAILURE");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly(S, S, S, F);
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransIn", "TransInRevert", "TransOutRevert");
    }

    @Test
    void concurrentCommittedOngoing() {
        String gid = gid("sagaConCommittedOngoing");
        Map<String, Object> body = saga(gid);
        body.put("custom_data", "{\"concurrent\":true}");
        busi.setOnce(gid, "TransOut", "ONGOING");
        submitAndWait(body);
        assertThat(dtm.branchStatuses(gid)).containsExactly(P, P, P, S);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

}
