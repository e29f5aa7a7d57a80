package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** dtm's tcc_test.go and tcc_old_test.go, from the coordinator's side. */
class TccScenariosTests extends ScenarioTestBase {

    private Map<String, String> branch(String gid, String branchId, String prefix) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", "tcc");
        body.put("branch_id", branchId);
        body.put("status", "prepared");
        body.put("data", "{\"amount\":30}");
        body.put("confirm", busiUrl() + "/" + prefix + "Confirm");
        body.put("cancel", busiUrl() + "/" + prefix + "Revert");
        return body;
    }

    private void prepareWithTwoBranches(String gid) {
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/registerBranch", branch(gid, "01", "TransOut")).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/registerTccBranch", branch(gid, "02", "TransIn")).status()).isEqualTo(200);
    }

    @Test
    void normalConfirmsLastToFirst() {
        String gid = gid("tccNormal");
        prepareWithTwoBranches(gid);
        assertThat(dtm.branches(gid)).extracting(b -> b.get("op"))
            .containsExactly("cancel", "confirm", "cancel", "confirm");
        submitAndWait(trans(gid, "tcc"));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "succeed");
        assertThat(busi.routes(gid)).containsExactly("TransInConfirm", "TransOutConfirm");
        assertThat(busi.calls(gid).get(0).body()).isEqualTo("{\"amount\":30}");
        assertThat(busi.calls(gid).get(0).query()).containsEntry("op", "confirm").containsEntry("branch_id", "02");
    }

    @Test
    void rollbackCancelsAndRetriesAnOngoingCancel() {
        String gid = gid("tccRollback");
        prepareWithTwoBranches(gid);
        busi.setOnce(gid, "TransOutRevert", "ONGOING");
        Map<String, Object> abort = trans(gid, "tcc");
        abort.put("rollback_reason", "TransIn try returned FAILURE");
        int before = processed.passes(gid);
        assertThat(dtm.post("/api/dtmsvr/abort", abort).status()).isEqualTo(200);
        awaitPasses(gid, before + 1);
        assertThat(dtm.status(gid)).isEqualTo("aborting");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("succeed", "prepared", "succeed", "prepared");
        assertThat((String) dtm.transaction(gid).get("rollback_reason")).contains("FAILURE");
        assertThat(busi.routes(gid)).containsExactly("TransInRevert", "TransOutRevert", "TransOutRevert");
    }

    @Test
    void timeoutAbortsAndALateTryIsRefused() {
        String gid = gid("tccTimeout");
        dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc"));
        dtm.post("/api/dtmsvr/registerBranch", branch(gid, "01", "TransOut"));
        cronOnce(gid, Duration.ofSeconds(300));
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.branchStatuses(gid)).containsExactly("succeed", "prepared");
        assertThat((String) dtm.transaction(gid).get("rollback_reason")).matches("^Timeout after \\d+ seconds$");
        HttpReply late = dtm.post("/api/dtmsvr/registerBranch", branch(gid, "02", "TransIn"));
        assertThat(late.status()).isEqualTo(409);
        assertThat((String) late.json().get("message"))
            .isEqualTo("no trans with gid: " + gid + " status: prepared found");
        assertThat(dtm.branches(gid)).hasSize(2);
    }

    @Test
    void nestedBranchesAreConfirmedLastToFirst() {
        String gid = gid("tccNested");
        dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc"));
        dtm.post("/api/dtmsvr/registerBranch", branch(gid, "01", "TransOut"));
        dtm.post("/api/dtmsvr/registerBranch", branch(gid, "0101", "TransIn"));
        submitAndWait(trans(gid, "tcc"));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.calls(gid)).extracting(c -> c.query().get("branch_id")).containsExactly("0101", "01");
    }

    @Test
    void legacyFailureInA200BodyIsRetried() {
        String gid = gid("tccOld");
        dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc"));
        Map<String, String> old = branch(gid, "01", "TransOut");
        // routes ending in Old answer 200 with the result in the body, as SDKs before
        // v1.10 did
        old.put("confirm", busiUrl() + "/TransOutConfirmOld");
        dtm.post("/api/dtmsvr/registerBranch", old);
        busi.setOnce(gid, "TransOutConfirmOld", "FAILURE");
        submitAndWait(trans(gid, "tcc"));
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.routes(gid)).containsExactly("TransOutConfirmOld", "TransOutConfirmOld");
    }

    @Test
    void waitResultOfAConfirmErrorIsAnError() {
        String gid = gid("tccWait");
        prepareWithTwoBranches(gid);
        busi.setOnce(gid, "TransOutConfirm", "ERROR");
        Map<String, Object> submit = trans(gid, "tcc");
        submit.put("wait_result", true);
        HttpReply reply = dtm.post("/api/dtmsvr/submit", submit);
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json()).doesNotContainKey("dtm_result");
        assertThat(dtm.status(gid)).isEqualTo("submitted");
    }

    @Test
    void duplicateRegistrationIsRefused() {
        String gid = gid("tccDuplicate");
        prepareWithTwoBranches(gid);
        HttpReply again = dtm.post("/api/dtmsvr/registerBranch", branch(gid, "01", "TransOut"));
        assertThat(again.status()).isEqualTo(409);
        assertThat((String) again.json().get("message")).contains("already registered");
        assertThat(dtm.branches(gid)).hasSize(4);
    }

    @Test
    void abortOfASagaIsRefused() {
        String gid = gid("tccAbortSaga");
        dtm.post("/api/dtmsvr/prepare", saga(gid));
        HttpReply reply = dtm.post("/api/dtmsvr/abort", trans(gid, "saga"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat((String) reply.json().get("message"))
            .isEqualTo("trans type: 'saga' current status 'prepared', " + "cannot abort");
        assertThat(dtm.status(gid)).isEqualTo("prepared");
    }

}
