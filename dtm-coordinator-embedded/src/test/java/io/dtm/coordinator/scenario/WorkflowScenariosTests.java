package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * dtm's workflow tests, from the coordinator's side: progress recording, submit with
 * req_extra, resume.
 */
class WorkflowScenariosTests extends ScenarioTestBase {

    private static final String INPUT = "{\"amount\":30}";

    private Map<String, Object> workflow(String gid) {
        Map<String, Object> body = trans(gid, "workflow");
        String data = Base64.getEncoder().encodeToString(INPUT.getBytes(StandardCharsets.UTF_8));
        body.put("custom_data", "{\"name\":\"wf_transfer\",\"data\":\"" + data + "\"}");
        body.put("query_prepared", busiUrl() + "/WorkflowResume");
        return body;
    }

    private HttpReply register(String gid, String branchId, String op, String status, String data) {
        return dtm.post("/api/dtmsvr/registerBranch", Map.of("gid", gid, "trans_type", "workflow", "branch_id",
                branchId, "op", op, "status", status, "data", data));
    }

    @Test
    @SuppressWarnings("unchecked")
    void progressIsRecordedAndReturnedOnResume() {
        String gid = gid("wfNormal");
        HttpReply first = dtm.post("/api/dtmsvr/prepareWorkflow", workflow(gid));
        assertThat(first.status()).isEqualTo(200);
        assertThat((Map<String, Object>) first.json().get("transaction")).containsEntry("gid", gid)
            .containsEntry("status", "prepared");
        assertThat((List<Object>) first.json().get("progresses")).isEmpty();

        assertThat(register(gid, "01", "action", "succeed", "out-ok").status()).isEqualTo(200);
        HttpReply again = dtm.post("/api/dtmsvr/prepareWorkflow", workflow(gid));
        List<Map<String, Object>> progresses = (List<Map<String, Object>>) again.json().get("progresses");
        assertThat(progresses).hasSize(1);
        assertThat(progresses.get(0)).containsEntry("branch_id", "01")
            .containsEntry("op", "action")
            .containsEntry("status", "succeed")
            .containsEntry("bin_data", Base64.getEncoder().encodeToString("out-ok".getBytes()));

        Map<String, Object> submit = workflow(gid);
        submit.put("req_extra", Map.of("status", "succeed", "result", "cmVzdWx0"));
        assertThat(dtm.post("/api/dtmsvr/submit", submit).status()).isEqualTo(200);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.transaction(gid)).containsEntry("result", "cmVzdWx0");
    }

    @Test
    void rollbackStoresTheReason() {
        String gid = gid("wfRollback");
        dtm.post("/api/dtmsvr/prepareWorkflow", workflow(gid));
        register(gid, "01", "action", "succeed", "");
        register(gid, "02", "action", "failed", "Insufficient balance");
        register(gid, "01", "rollback", "succeed", "");
        Map<String, Object> submit = workflow(gid);
        submit.put("req_extra", Map.of("status", "failed", "rollback_reason", "Insufficient balance"));
        assertThat(dtm.post("/api/dtmsvr/submit", submit).status()).isEqualTo(200);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.transaction(gid)).containsEntry("rollback_reason", "Insufficient balance");
        assertThat(dtm.branchStatuses(gid)).containsExactly("succeed", "failed", "succeed");
        HttpReply late = register(gid, "03", "action", "succeed", "");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void coordinatorResumesAWorkflowWhoseClientDied() {
        String gid = gid("wfResume");
        dtm.post("/api/dtmsvr/prepareWorkflow", workflow(gid));
        register(gid, "01", "action", "succeed", "");
        cronOnce(gid, Duration.ofSeconds(10));
        assertThat(busi.calls(gid)).as("not resumed before the timeout").isEmpty();
        cronOnce(gid, Duration.ofSeconds(60));
        assertThat(busi.calls(gid)).hasSize(1);
        Busi.Call resume = busi.calls(gid).get(0);
        assertThat(resume.route()).isEqualTo("WorkflowResume");
        assertThat(resume.method()).isEqualTo("POST");
        assertThat(resume.query()).containsEntry("op", "wf_transfer")
            .containsEntry("branch_id", "00")
            .containsEntry("trans_type", "workflow");
        assertThat(resume.body()).isEqualTo(INPUT);
        assertThat(dtm.status(gid)).as("the resumed client submits by itself").isEqualTo("prepared");
        cronOnce(gid);
        assertThat(busi.calls(gid)).as("resumed again until the client submits").hasSize(2);
    }

    @Test
    void ongoingResumeKeepsItPrepared() {
        String gid = gid("wfOngoing");
        dtm.post("/api/dtmsvr/prepareWorkflow", workflow(gid));
        busi.setOnce(gid, "WorkflowResume", "ONGOING");
        cronOnce(gid, Duration.ofSeconds(60));
        assertThat(dtm.status(gid)).isEqualTo("prepared");
        assertThat(busi.calls(gid)).hasSize(1);
    }

    @Test
    void duplicateBranchIsRefused() {
        String gid = gid("wfConflict");
        dtm.post("/api/dtmsvr/prepareWorkflow", workflow(gid));
        assertThat(register(gid, "01", "action", "succeed", "").status()).isEqualTo(200);
        HttpReply dup = register(gid, "01", "action", "succeed", "");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dtm.branches(gid)).hasSize(1);
    }

    @Test
    void submitNeedsAFinalStatus() {
        String gid = gid("wfBadSubmit");
        dtm.post("/api/dtmsvr/prepareWorkflow", workflow(gid));
        Map<String, Object> submit = workflow(gid);
        submit.put("req_extra", Map.of("status", "done"));
        HttpReply reply = dtm.post("/api/dtmsvr/submit", submit);
        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.json().get("message")).contains("req_extra.status");
        assertThat(dtm.status(gid)).isEqualTo("prepared");
    }

}
