package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** dtm's msg_test.go, msg_options_test.go and msg_delay_test.go. */
class MsgScenariosTests extends ScenarioTestBase {

    private Map<String, Object> msg(String gid) {
        Map<String, Object> body = trans(gid, "msg");
        body.put("steps", List.of(Map.of("action", busiUrl() + "/TransOut"), Map.of("action", busiUrl() + "/TransIn")));
        body.put("payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
        body.put("query_prepared", busiUrl() + "/QueryPrepared");
        return body;
    }

    @Test
    void normal() {
        String gid = gid("msgNormal");
        assertThat(dtm.post("/api/dtmsvr/prepare", msg(gid)).status()).isEqualTo(200);
        assertThat(dtm.status(gid)).isEqualTo("prepared");
        assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "prepared");
        submitAndWait(msg(gid));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("succeed", "succeed");
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransIn");
        assertThat(busi.calls(gid).get(1).query()).containsEntry("op", "action").containsEntry("branch_id", "02");
    }

    @Test
    void timeoutBackCheckOngoingThenSuccess() {
        String gid = gid("msgTimeoutSuccess");
        dtm.post("/api/dtmsvr/prepare", msg(gid));
        busi.setOnce(gid, "QueryPrepared", "ONGOING");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("prepared");
        busi.setOnce(gid, "TransOut", "ONGOING");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        Busi.Call backCheck = busi.callsTo("QueryPrepared")
            .stream()
            .filter(c -> gid.equals(c.gid()))
            .findFirst()
            .orElseThrow();
        assertThat(backCheck.method()).isEqualTo("GET");
        assertThat(backCheck.query()).containsEntry("op", "msg").containsEntry("branch_id", "00");
    }

    @Test
    void timeoutBackCheckFailureFailsTheMessage() {
        String gid = gid("msgTimeoutFailed");
        dtm.post("/api/dtmsvr/prepare", msg(gid));
        busi.setOnce(gid, "QueryPrepared", "FAILURE");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "prepared");
        assertThat(busi.routes(gid)).containsExactly("QueryPrepared");
    }

    @Test
    void prepareTwiceIsIdempotentButNotAfterSubmit() {
        String gid = gid("msgAbnormal");
        assertThat(dtm.post("/api/dtmsvr/prepare", msg(gid)).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/prepare", msg(gid)).status()).isEqualTo(200);
        submitAndWait(msg(gid));
        HttpReply late = dtm.post("/api/dtmsvr/prepare", msg(gid));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json()).containsEntry("dtm_result", "FAILURE");
        assertThat(dtm.branchStatuses(gid)).hasSize(2);
    }

    @Test
    void abortOfAPreparedMessageFailsIt() {
        String gid = gid("msgAbort");
        dtm.post("/api/dtmsvr/prepare", msg(gid));
        assertThat(dtm.post("/api/dtmsvr/abort", trans(gid, "msg")).status()).isEqualTo(200);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(busi.calls(gid)).isEmpty();
    }

    @Test
    void defaultTimeoutIs35Seconds() {
        String gid = gid("msgDefaultTimeout");
        dtm.post("/api/dtmsvr/prepare", msg(gid));
        clock.advance(Duration.ofSeconds(30));
        cronPicks(gid);
        assertThat(busi.calls(gid)).isEmpty();
        cronOnce(gid, Duration.ofSeconds(60));
        assertThat(busi.routes(gid)).startsWith("QueryPrepared");
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void customTimeoutDelaysTheBackCheck() {
        String gid = gid("msgCustomTimeout");
        Map<String, Object> body = msg(gid);
        body.put("timeout_to_fail", 120);
        dtm.post("/api/dtmsvr/prepare", body);
        cronOnce(gid, Duration.ofSeconds(60));
        assertThat(busi.calls(gid)).as("not timed out after 60 s").isEmpty();
        assertThat(dtm.status(gid)).isEqualTo("prepared");
        cronOnce(gid, Duration.ofSeconds(180));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void concurrentMessageRunsEveryBranch() {
        String gid = gid("msgConcurrent");
        Map<String, Object> body = msg(gid);
        body.put("concurrent", true);
        busi.setOnce(gid, "TransOut", "ERROR");
        submitAndWait(body);
        assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "succeed");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void sequentialMessageStopsAtTheFirstError() {
        String gid = gid("msgError");
        busi.setOnce(gid, "TransOut", "FAILURE");
        submitAndWait(msg(gid));
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        assertThat(busi.routes(gid)).containsExactly("TransOut");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

    @Test
    void delayHoldsTheBranchesUntilDue() {
        String gid = gid("msgDelay");
        Map<String, Object> body = msg(gid);
        body.put("custom_data", "{\"delay\":10}");
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        assertThat(busi.calls(gid)).isEmpty();
        clock.advance(Duration.ofSeconds(8));
        assertThat(cronPicks(gid)).as("not due at 8 s").isFalse();
        assertThat(busi.calls(gid)).isEmpty();
        cronOnce(gid, Duration.ofSeconds(4));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransIn");
    }

    @Test
    void topicFansOutToEverySubscriber() {
        String topic = "topic-" + dtm.newGid();
        assertThat(
                dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + busiUrl() + "/TransOut&remark=out").status())
            .isEqualTo(200);
        assertThat(
                dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + busiUrl() + "/TransIn&remark=in").status())
            .isEqualTo(200);
        String gid = gid("msgTopic");
        Map<String, Object> body = trans(gid, "msg");
        body.put("steps", List.of(Map.of("action", "topic://" + topic)));
        body.put("payloads", List.of("{\"amount\":30}"));
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("succeed", "succeed");
        assertThat(dtm.branches(gid)).extracting(b -> b.get("branch_id")).containsExactly("01-01", "01-02");
        assertThat(busi.routes(gid)).containsExactlyInAnyOrder("TransOut", "TransIn");
    }

    @Test
    void unknownTopicIsRefusedAndNothingStored() {
        String gid = gid("msgTopicNotFound");
        Map<String, Object> body = trans(gid, "msg");
        body.put("steps", List.of(Map.of("action", "topic://no-such-topic-" + gid)));
        body.put("payloads", List.of("{}"));
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).isEqualTo(404);
        assertThat((String) reply.json().get("message")).contains("topic not found");
        assertThat(dtm.transaction(gid)).isNull();
    }

}
