package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The coordinator refuses, at the API and before storing anything, URLs and headers it
 * would never send.
 */
class OutboundRulesApiTests extends ScenarioTestBase {

    @Test
    void aCloudMetadataStepIsRefusedAtSubmit() {
        String gid = gid("outboundMetadata");
        Map<String, Object> body = saga(gid);
        body.put("steps", List.of(step("TransOut", "TransOutRevert"), Map.of("action",
                "http://169.254.169.254/latest/meta-data/", "compensate", busiUrl() + "/TransInRevert")));
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.json().get("message")).contains("steps[1].action");
        assertThat(dtm.transaction(gid)).isNull();
        assertThat(busi.calls(gid)).isEmpty();
    }

    @Test
    void hostAndHopByHopBranchHeadersAreRefused() {
        for (String header : List.of("Host", "Connection", "Transfer-Encoding")) {
            String gid = gid("outboundHeader");
            Map<String, Object> body = saga(gid);
            body.put("branch_headers", Map.of(header, "x"));
            HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
            assertThat(reply.status()).as(header).isEqualTo(400);
            assertThat((String) reply.json().get("message")).contains("branch_headers");
            assertThat(dtm.transaction(gid)).isNull();
        }
    }

    @Test
    void aLinkLocalBranchIsRefusedAtRegistration() {
        String gid = gid("outboundRegister");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        HttpReply reply = dtm.post("/api/dtmsvr/registerBranch", Map.of("gid", gid, "trans_type", "tcc", "branch_id",
                "01", "confirm", "http://169.254.10.10/confirm", "cancel", busiUrl() + "/TransOutRevert"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.json().get("message")).contains("confirm");
        assertThat(dtm.branches(gid)).isEmpty();
        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", gid)).status()).isEqualTo(200);
    }

    /**
     * The URL the coordinator would have signed a call to as
     * {@code POST /dtm/xa/phase2?gid=VICTIM...}: its own query landed in the fragment.
     */
    @Test
    void aForgedCallbackUrlWithAFragmentIsRefusedAtSubmit() {
        String gid = gid("outboundFragment");
        Map<String, Object> body = saga(gid);
        body.put("steps", List
            .of(Map.of("action", busiUrl() + "/dtm/xa/phase2?gid=VICTIM&trans_type=xa&branch_id=01&op=rollback#")));
        body.put("payloads", List.of(""));
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.json().get("message")).contains("steps[0].action").contains("fragment");
        assertThat(dtm.transaction(gid)).isNull();
        assertThat(busi.calls("VICTIM")).isEmpty();
    }

    @Test
    void aUrlThatSetsTheCoordinatorsParametersIsRefusedEverywhere() {
        String forged = busiUrl() + "/dtm/xa/phase2?gid=VICTIM&trans_type=xa&branch_id=01&op=rollback";
        String gid = gid("outboundReserved");
        Map<String, Object> body = saga(gid);
        body.put("steps", List.of(step("TransOut", "TransOutRevert"),
                Map.of("action", busiUrl() + "/TransIn", "compensate", forged)));
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.json().get("message")).contains("steps[1].compensate")
            .contains("reserved: gid, trans_type, branch_id, op, dtm");
        assertThat(dtm.transaction(gid)).isNull();

        String msg = gid("outboundReservedMsg");
        Map<String, Object> prepare = trans(msg, "msg");
        prepare.put("steps", List.of(Map.of("action", busiUrl() + "/TransIn")));
        prepare.put("payloads", List.of("{}"));
        prepare.put("query_prepared", busiUrl() + "/QueryPrepared?dtm=http://evil/api/dtmsvr");
        HttpReply refused = dtm.post("/api/dtmsvr/prepare", prepare);
        assertThat(refused.status()).isEqualTo(400);
        assertThat((String) refused.json().get("message")).contains("query_prepared");
        assertThat(dtm.transaction(msg)).isNull();

        String xa = gid("outboundReservedXa");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(xa, "xa")).status()).isEqualTo(200);
        HttpReply register = dtm.post("/api/dtmsvr/registerBranch",
                Map.of("gid", xa, "trans_type", "xa", "branch_id", "01", "url", busiUrl() + "/xa?Op=commit"));
        assertThat(register.status()).isEqualTo(400);
        assertThat((String) register.json().get("message")).startsWith("url: ");
        assertThat(dtm.branches(xa)).isEmpty();
        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", xa)).status()).isEqualTo(200);
    }

    @Test
    void dotSegmentsAndEncodedDotsAreRefusedAtSubmit() {
        for (String path : List.of("/TransOut/../admin", "/TransOut/%2E%2E/admin", "/TransOut/..%2Fadmin")) {
            String gid = gid("outboundDots");
            Map<String, Object> body = saga(gid);
            body.put("steps", List.of(Map.of("action", busiUrl() + path, "compensate", busiUrl() + "/TransOutRevert")));
            body.put("payloads", List.of("{}"));
            HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat((String) reply.json().get("message")).as(path).contains("steps[0].action");
            assertThat(dtm.transaction(gid)).isNull();
        }
    }

    @Test
    void stepUrlsWithTheirOwnQueryStillWork() {
        String gid = gid("outboundOwnQuery");
        Map<String, Object> body = saga(gid);
        body.put("steps",
                List.of(Map.of("action", busiUrl() + "/TransOut?a=b", "compensate", busiUrl() + "/TransOutRevert?a=b"),
                        step("TransIn", "TransInRevert")));
        submitAndWait(body);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.calls(gid).get(0).query()).containsEntry("a", "b")
            .containsEntry("gid", gid)
            .containsEntry("op", "action");
    }

    @Test
    void subscriberUrlsMeetTheBranchUrlRules() {
        String topic = "outboundTopic-" + dtm.newGid();
        for (String url : List.of("file:///etc/passwd", "gopher://x/", "http://169.254.169.254/latest/meta-data/",
                busiUrl() + "/TransIn#", busiUrl() + "/TransIn?gid=VICTIM", busiUrl() + "/a/../TransIn")) {
            HttpReply reply = dtm
                .get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat((String) reply.json().get("message")).as(url).startsWith("url: ");
        }
        assertThat(dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json().get("kv")).asList().isEmpty();
        assertThat(dtm
            .get("/api/dtmsvr/subscribe?topic=" + topic + "&url="
                    + URLEncoder.encode(busiUrl() + "/TransIn?a=b", StandardCharsets.UTF_8))
            .status()).isEqualTo(200);
        assertThat(dtm.delete("/api/dtmsvr/topic/" + topic).status()).isEqualTo(200);
    }

}
