package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Bad requests get a 4xx naming the problem, never a stack trace, and change nothing. */
class BadInputTests extends ScenarioTestBase {

    private void assertRejected(String path, Object body, int status, String messagePart) {
        HttpReply reply = dtm.post(path, body);
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        String message = (String) reply.json().get("message");
        assertThat(message).contains(messagePart).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void malformedJson() {
        assertRejected("/api/dtmsvr/submit", "{\"gid\":", 400, "malformed JSON");
        assertRejected("/api/dtmsvr/prepare", "not json", 400, "malformed JSON");
        assertRejected("/api/dtmsvr/submit", "", 400, "request body is empty");
        assertRejected("/api/dtmsvr/registerBranch", "[1,2]", 400, "malformed JSON");
    }

    @Test
    void wrongFieldTypes() {
        String gid = gid("badTypes");
        assertRejected("/api/dtmsvr/submit", Map.of("gid", gid, "trans_type", "saga", "steps", "abc"), 400, "steps");
        assertRejected("/api/dtmsvr/submit", Map.of("gid", gid, "trans_type", "saga", "timeout_to_fail", "soon"), 400,
                "timeout_to_fail");
        assertRejected("/api/dtmsvr/submit", Map.of("gid", List.of(1), "trans_type", "saga"), 400, "gid");
        assertThat(dtm.transaction(gid)).isNull();
    }

    @Test
    void missingOrUnknownGidAndType() {
        assertRejected("/api/dtmsvr/submit", Map.of("trans_type", "saga"), 400, "gid is required");
        assertRejected("/api/dtmsvr/submit", Map.of("gid", "badNoType"), 400, "trans_type is required");
        assertRejected("/api/dtmsvr/submit", Map.of("gid", "badType", "trans_type", "2pc"), 400,
                "unknown trans_type '2pc'");
        assertRejected("/api/dtmsvr/prepare", Map.of("gid", "badProtocol", "trans_type", "tcc", "protocol", "grpc"),
                400, "protocol 'grpc' is not supported");
        assertThat(dtm.transaction("badType")).isNull();
        assertThat(dtm.transaction("badProtocol")).isNull();
    }

    @Test
    void stepsAndPayloadsMustMatch() {
        String gid = gid("badPayloads");
        Map<String, Object> body = saga(gid);
        body.put("payloads", List.of("{}"));
        assertRejected("/api/dtmsvr/submit", body, 400, "payloads has 1 entries but steps has 2");
        Map<String, Object> noAction = trans(gid, "saga");
        noAction.put("steps", List.of(Map.of("compensate", "http://x")));
        assertRejected("/api/dtmsvr/submit", noAction, 400, "steps[0] has no action URL");
        Map<String, Object> badOrders = saga(gid);
        badOrders.put("custom_data", "{\"concurrent\":true,\"orders\":{\"5\":[0]}}");
        assertRejected("/api/dtmsvr/submit", badOrders, 400, "orders");
        Map<String, Object> badCustom = saga(gid);
        badCustom.put("custom_data", "{not json");
        assertRejected("/api/dtmsvr/submit", badCustom, 400, "custom_data");
        assertThat(dtm.transaction(gid)).isNull();
        assertThat(busi.calls(gid)).isEmpty();
    }

    @Test
    void oversizedFields() {
        String longGid = "g".repeat(129);
        assertRejected("/api/dtmsvr/submit", Map.of("gid", longGid, "trans_type", "saga"), 400,
                "gid is 129 characters long; at most 128");
        String gid = gid("badSizes");
        Map<String, Object> body = saga(gid);
        body.put("custom_data", "{\"x\":\"" + "a".repeat(1100) + "\"}");
        assertRejected("/api/dtmsvr/submit", body, 400, "custom_data is");
        Map<String, Object> longUrl = saga(gid);
        longUrl.put("steps", List.of(Map.of("action", "http://x/" + "a".repeat(1100), "compensate", ""),
                step("TransIn", "TransInRevert")));
        assertRejected("/api/dtmsvr/submit", longUrl, 400, "steps[0].action");
        Map<String, Object> headers = saga(gid);
        headers.put("branch_headers", Map.of("h", "v".repeat(1100)));
        assertRejected("/api/dtmsvr/submit", headers, 400, "options");
        assertThat(dtm.transaction(gid)).isNull();
        assertThat(dtm.transaction(longGid.substring(0, 100))).isNull();
    }

    @Test
    void unknownGidOnAbort() {
        assertRejected("/api/dtmsvr/abort", Map.of("gid", "no-such-gid", "trans_type", "tcc"), 404,
                "no transaction with gid 'no-such-gid'");
    }

    @Test
    void registerBranchRules() {
        String gid = gid("badRegister");
        dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc"));
        assertRejected("/api/dtmsvr/registerBranch", Map.of("gid", gid, "trans_type", "tcc", "branch_id", 1), 400,
                "field 'branch_id' must be a string");
        assertRejected("/api/dtmsvr/registerBranch",
                Map.of("gid", gid, "trans_type", "tcc", "branch_id", "01", "confirm", "http://c"), 400,
                "needs a 'cancel' URL");
        assertRejected("/api/dtmsvr/registerBranch", Map.of("gid", gid, "trans_type", "saga", "branch_id", "01"), 400,
                "registerBranch is for tcc");
        assertRejected("/api/dtmsvr/registerBranch", Map.of("gid", gid, "trans_type", "tcc"), 400,
                "branch_id is required");
        assertRejected("/api/dtmsvr/registerBranch", Map.of("gid", "no-such-gid", "trans_type", "tcc", "branch_id",
                "01", "confirm", "http://c", "cancel", "http://c"), 409, "no trans with gid: no-such-gid");
        assertThat(dtm.branches(gid)).isEmpty();
    }

    @Test
    void unknownFieldsNullsAndCaseAreTolerated() {
        String gid = gid("tolerant");
        String json = "{\"GID\":\"" + gid + "\",\"Trans_Type\":\"tcc\",\"subType\":\"tcc\",\"passthrough_headers\":[],"
                + "\"custom_data\":null,\"protocol\":null,\"query_prepared\":null,\"request_timeout\":8}";
        HttpReply reply = dtm.post("/api/dtmsvr/prepare", json);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json()).containsEntry("dtm_result", "SUCCESS");
        assertThat(dtm.transaction(gid)).containsEntry("protocol", "http");
    }

    @Test
    void gidIsCleanedOfNewlinesAndSemicolons() {
        String gid = gid("cleaned");
        dtm.post("/api/dtmsvr/prepare", Map.of("gid", gid + ";\n", "trans_type", "tcc"));
        assertThat(dtm.status(gid)).isEqualTo("prepared");
    }

}
