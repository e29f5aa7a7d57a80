package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

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

}
