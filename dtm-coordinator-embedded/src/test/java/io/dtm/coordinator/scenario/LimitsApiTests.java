package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The caps on what one request can multiply (docs/security.md#limits): subscribers of a
 * topic, branches and branch data of a transaction, and the paged branch reads of
 * {@code /query}. Each refused request stores nothing.
 */
@TestPropertySource(properties = { "dtm.coordinator.limits.max-subscribers-per-topic=3",
        "dtm.coordinator.limits.max-branches=6", "dtm.coordinator.limits.max-transaction-size=4KB" })
class LimitsApiTests extends ScenarioTestBase {

    @Test
    void subscribingOverTheCapIs400NamingItAndStoresNothing() {
        String topic = "capped-" + dtm.newGid();
        for (int i = 0; i < 3; i++) {
            assertThat(subscribe(topic, "/Sub" + i).status()).isEqualTo(200);
        }
        HttpReply refused = subscribe(topic, "/Sub3");
        assertThat(refused.status()).isEqualTo(400);
        assertThat((String) refused.json().get("message")).contains("dtm.coordinator.limits.max-subscribers-per-topic")
            .contains("3");
        assertThat(subscriberUrls(topic)).hasSize(3).noneMatch(url -> url.endsWith("/Sub3"));
        // a free place can be taken again
        assertThat(dtm.get("/api/dtmsvr/unsubscribe?topic=" + topic + "&url=" + busiUrl() + "/Sub0").status())
            .isEqualTo(200);
        assertThat(subscribe(topic, "/Sub3").status()).isEqualTo(200);
    }

    @Test
    void aMsgWhoseFanOutExceedsMaxBranchesIsRefusedBeforeAnythingIsStored() {
        String topic = "fanout-" + dtm.newGid();
        for (int i = 0; i < 3; i++) {
            subscribe(topic, "/TransIn?s=" + i);
        }
        for (String route : List.of("/api/dtmsvr/prepare", "/api/dtmsvr/submit")) {
            String gid = gid("fanOut");
            // 3 topic steps x 3 subscribers = 9 branches, over 6
            Map<String, Object> msg = msg(gid, topic, 3, "{}");
            HttpReply refused = dtm.post(route, msg);
            assertThat(refused.status()).as(route).isEqualTo(400);
            assertThat((String) refused.json().get("message")).contains("9 branches")
                .contains("dtm.coordinator.limits.max-branches");
            assertThat(dtm.transaction(gid)).as(route).isNull();
            assertThat(dtm.branches(gid)).isEmpty();
        }
        String gid = gid("fanOutFits");
        assertThat(dtm.post("/api/dtmsvr/prepare", msg(gid, topic, 2, "{}")).status()).isEqualTo(200);
        assertThat(dtm.branches(gid)).hasSize(6);
    }

    @Test
    void aMsgWhosePayloadFannedOutExceedsMaxTransactionSizeIsRefused() {
        String topic = "fat-" + dtm.newGid();
        for (int i = 0; i < 3; i++) {
            subscribe(topic, "/TransIn?s=" + i);
        }
        String gid = gid("fatFanOut");
        // one 2000-byte payload to 3 subscribers: 6000 bytes of branch data, over 4 KB
        HttpReply refused = dtm.post("/api/dtmsvr/submit", msg(gid, topic, 1, json(2000)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat((String) refused.json().get("message")).contains("dtm.coordinator.limits.max-transaction-size");
        assertThat(dtm.transaction(gid)).isNull();
    }

    @Test
    void registerBranchPastMaxBranchesIs400AndStoresNothing() {
        String gid = gid("tccCount");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        for (int i = 1; i <= 3; i++) {
            assertThat(dtm.post("/api/dtmsvr/registerBranch", tccBranch(gid, "0" + i, "{}")).status()).isEqualTo(200);
        }
        HttpReply refused = dtm.post("/api/dtmsvr/registerBranch", tccBranch(gid, "04", "{}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat((String) refused.json().get("message")).contains("dtm.coordinator.limits.max-branches");
        assertThat(dtm.branches(gid)).hasSize(6).noneMatch(b -> "04".equals(b.get("branch_id")));
        assertThat(dtm.status(gid)).isEqualTo("prepared");
    }

    @Test
    void registerBranchPastMaxTransactionSizeIs400AndStoresNothing() {
        String gid = gid("tccBytes");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        // each call stores its 1000 bytes twice (cancel and confirm rows): 2000, 4000
        assertThat(dtm.post("/api/dtmsvr/registerBranch", tccBranch(gid, "01", json(1000))).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/registerBranch", tccBranch(gid, "02", json(1000))).status()).isEqualTo(200);
        HttpReply refused = dtm.post("/api/dtmsvr/registerBranch", tccBranch(gid, "03", json(1000)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat((String) refused.json().get("message")).contains("6000 bytes")
            .contains("dtm.coordinator.limits.max-transaction-size");
        assertThat(dtm.branches(gid)).hasSize(4);
    }

    @Test
    void queryAnswersOnePageOfBranchesAndWhereTheNextStarts() {
        String gid = gid("paged");
        Map<String, Object> saga = trans(gid, "saga");
        saga.put("steps", List.of(step("TransOut", "TransOutRevert"), step("TransIn", "TransInRevert"),
                step("TransIn", "TransInRevert")));
        saga.put("payloads", List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));
        assertThat(dtm.post("/api/dtmsvr/prepare", saga).status()).isEqualTo(200);

        Map<String, Object> first = dtm.get("/api/dtmsvr/query?gid=" + gid + "&limit=4").json();
        assertThat(branchIds(first)).containsExactly("01", "01", "02", "02");
        assertThat(first.get("next_position")).isEqualTo("4");
        assertThat(first.get("transaction")).isNotNull();

        Map<String, Object> second = dtm.get("/api/dtmsvr/query?gid=" + gid + "&limit=4&position=4").json();
        assertThat(branchIds(second)).containsExactly("03", "03");
        assertThat(second).doesNotContainKey("next_position");

        // without paging parameters the reply keeps dtm's shape
        Map<String, Object> whole = dtm.get("/api/dtmsvr/query?gid=" + gid).json();
        assertThat(whole).containsOnlyKeys("transaction", "branches");
        assertThat(branchIds(whole)).hasSize(6);

        assertThat(dtm.get("/api/dtmsvr/query?gid=" + gid + "&limit=2001").status()).isEqualTo(400);
        assertThat(dtm.get("/api/dtmsvr/query?gid=" + gid + "&position=-1").status()).isEqualTo(400);
    }

    @Test
    void theAdminTransactionPagesBranchesToo() {
        String gid = gid("adminPaged");
        assertThat(dtm.post("/api/dtmsvr/prepare", saga(gid)).status()).isEqualTo(200);
        Map<String, Object> page = dtm.get("/api/admin/transaction?gid=" + gid + "&branchLimit=3").json();
        assertThat((List<?>) page.get("branches")).hasSize(3);
        assertThat(page).containsEntry("branches_next_position", "3").containsEntry("branch_count", 4);
        Map<String, Object> rest = dtm.get("/api/admin/transaction?gid=" + gid + "&branchLimit=3&branchPosition=3")
            .json();
        assertThat((List<?>) rest.get("branches")).hasSize(1);
        assertThat(rest).containsEntry("branches_next_position", "");
    }

    private HttpReply subscribe(String topic, String route) {
        return dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + busiUrl()
                + route.replace("?", "%3F").replace("=", "%3D") + "&remark=r");
    }

    @SuppressWarnings("unchecked")
    private List<String> subscriberUrls(String topic) {
        List<Map<String, Object>> kv = (List<Map<String, Object>>) dtm
            .get("/api/dtmsvr/queryKV?cat=topics&key=" + topic)
            .json()
            .get("kv");
        String value = (String) kv.get(0).get("v");
        List<String> urls = new ArrayList<>();
        for (Object s : io.dtm.coordinator.model.TransJson.MAPPER.readValue(value, List.class)) {
            urls.add((String) ((Map<String, Object>) s).get("url"));
        }
        return urls;
    }

    private Map<String, Object> msg(String gid, String topic, int topicSteps, String payload) {
        Map<String, Object> msg = trans(gid, "msg");
        List<Map<String, String>> steps = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < topicSteps; i++) {
            steps.add(Map.of("action", "topic://" + topic));
            payloads.add(payload);
        }
        msg.put("steps", steps);
        msg.put("payloads", payloads);
        msg.put("query_prepared", busiUrl() + "/QueryPrepared");
        return msg;
    }

    private Map<String, String> tccBranch(String gid, String branchId, String data) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", "tcc");
        body.put("branch_id", branchId);
        body.put("data", data);
        body.put("confirm", busiUrl() + "/TransInConfirm");
        body.put("cancel", busiUrl() + "/TransInRevert");
        return body;
    }

    /** A JSON object of exactly {@code bytes} bytes. */
    private static String json(int bytes) {
        return "{\"p\":\"" + "x".repeat(bytes - 8) + "\"}";
    }

    @SuppressWarnings("unchecked")
    private static List<String> branchIds(Map<String, Object> reply) {
        return ((List<Map<String, Object>>) reply.get("branches")).stream()
            .map(b -> (String) b.get("branch_id"))
            .toList();
    }

}
