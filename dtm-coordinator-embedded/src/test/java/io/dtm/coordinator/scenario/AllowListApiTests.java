package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code dtm.coordinator.callback.allowed-urls}, URLs outside it are refused at the
 * API: step URLs whose raw path matches a pattern but resolves outside it, and subscriber
 * URLs.
 */
@TestPropertySource(properties = "dtm.coordinator.callback.allowed-urls[0]=http://localhost:*/api/busi/**")
class AllowListApiTests extends ScenarioTestBase {

    @Test
    void aPathThatLeavesTheAllowedPrefixIsRefusedAtSubmit() {
        for (String url : List.of(busiUrl() + "/../../actuator/env", busiUrl() + "/%2E%2E/%2E%2E/actuator/env",
                busiUrl() + "/..%2f..%2factuator")) {
            String gid = gid("allowListDots");
            Map<String, Object> body = saga(gid);
            body.put("steps", List.of(Map.of("action", url, "compensate", busiUrl() + "/TransOutRevert")));
            body.put("payloads", List.of("{}"));
            HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat((String) reply.json().get("message")).as(url).contains("steps[0].action");
            assertThat(dtm.transaction(gid)).isNull();
        }
    }

    @Test
    void aSubscriberOutsideTheAllowListIsRefused() {
        String topic = "allowListTopic-" + dtm.newGid();
        for (String url : List.of("http://localhost:" + port + "/actuator/env", "http://elsewhere.example/api/busi/x",
                "file:///etc/passwd")) {
            HttpReply reply = dtm
                .get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat((String) reply.json().get("message")).as(url).startsWith("url: ");
        }
        assertThat(dtm
            .get("/api/dtmsvr/subscribe?topic=" + topic + "&url="
                    + URLEncoder.encode(busiUrl() + "/TransIn", StandardCharsets.UTF_8))
            .status()).isEqualTo(200);
        assertThat(dtm.delete("/api/dtmsvr/topic/" + topic).status()).isEqualTo(200);
    }

}
