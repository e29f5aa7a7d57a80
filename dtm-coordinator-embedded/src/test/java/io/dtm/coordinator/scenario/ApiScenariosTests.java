package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.Gids;

/** dtm's api_test.go and topic_test.go. */
class ApiScenariosTests extends ScenarioTestBase {

    @Test
    void versionAndPing() {
        assertThat((String) dtm.get("/api/dtmsvr/version").json().get("version")).startsWith("v");
        assertThat(dtm.get("/api/ping").json()).containsEntry("msg", "pong");
        assertThat(dtm.post("/api/ping", "{}").json()).containsEntry("msg", "pong");
    }

    @Test
    void newGidIsUniqueAnd22Characters() {
        HttpReply reply = dtm.get("/api/dtmsvr/newGid");
        assertThat(reply.json()).containsEntry("dtm_result", "SUCCESS");
        String a = (String) reply.json().get("gid");
        assertThat(a).hasSize(Gids.GENERATED_LENGTH).matches("[" + Gids.ALPHABET + "]+");
        assertThat(dtm.newGid()).isNotEqualTo(a);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGidMadeByAClientIsAccepted() {
        String gid = Gids.newGid();
        submitAndWait(saga(gid));
        Map<String, Object> t = (Map<String, Object>) dtm.get("/api/dtmsvr/query?gid=" + gid).json().get("transaction");
        assertThat(t).containsEntry("gid", gid).containsEntry("status", "succeed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void queryKnownUnknownAndMissingGid() {
        String gid = gid("apiQuery");
        submitAndWait(saga(gid));
        Map<String, Object> reply = dtm.get("/api/dtmsvr/query?gid=" + gid).json();
        Map<String, Object> t = (Map<String, Object>) reply.get("transaction");
        assertThat(t).containsEntry("gid", gid)
            .containsEntry("trans_type", "saga")
            .containsEntry("status", "succeed")
            .containsEntry("protocol", "http")
            .containsKeys("id", "create_time", "update_time", "finish_time", "concurrent");
        assertThat((String) t.get("create_time"))
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
        List<Map<String, Object>> branches = (List<Map<String, Object>>) reply.get("branches");
        assertThat(branches).extracting(b -> b.get("op"))
            .containsExactly("compensate", "action", "compensate", "action");
        assertThat(branches.get(1)).containsEntry("bin_data", "eyJhbW91bnQiOjMwfQ==");

        Map<String, Object> unknown = dtm.get("/api/dtmsvr/query?gid=no-such-gid").json();
        assertThat(unknown.get("transaction")).isNull();
        assertThat((List<Object>) unknown.get("branches")).isEmpty();

        HttpReply missing = dtm.get("/api/dtmsvr/query");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json()).containsEntry("message", "no gid specified");
    }

    @Test
    @SuppressWarnings("unchecked")
    void allPagesNewestFirstAndFilters() {
        String type = "xa";
        long start = clock.instant().toEpochMilli() - 1000;
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String gid = gid("apiAll" + i);
            dtm.post("/api/dtmsvr/prepare", trans(gid, type));
            gids.add(gid);
        }
        String filter = "&status=prepared&transType=" + type + "&createTimeStart=" + start + "&createTimeEnd="
                + (clock.instant().toEpochMilli() + 1000);
        Map<String, Object> page1 = dtm.get("/api/dtmsvr/all?limit=2" + filter).json();
        List<Map<String, Object>> txs1 = (List<Map<String, Object>>) page1.get("transactions");
        assertThat(txs1).extracting(t -> t.get("gid")).containsExactly(gids.get(2), gids.get(1));
        String next = (String) page1.get("next_position");
        assertThat(next).isNotEmpty();
        Map<String, Object> page2 = dtm.get("/api/dtmsvr/all?limit=2&position=" + next + filter).json();
        List<Map<String, Object>> txs2 = (List<Map<String, Object>>) page2.get("transactions");
        assertThat(txs2).extracting(t -> t.get("gid")).contains(gids.get(0));
        assertThat(txs2).allSatisfy(t -> assertThat(t).containsEntry("trans_type", type));

        Map<String, Object> none = dtm
            .get("/api/dtmsvr/all?transType=xa&status=succeed&createTimeStart="
                    + (clock.instant().toEpochMilli() + 100_000))
            .json();
        assertThat(none.get("transactions")).isNull();
        assertThat(none).containsEntry("next_position", "");
        assertThat(dtm.get("/api/dtmsvr/all?limit=abc").status()).isEqualTo(400);
    }

    @Test
    void forceStopFailsAnOngoingSagaAndRefusesAFinishedOne() {
        String gid = gid("apiForceStop");
        busi.setOnce(gid, "TransOut", "ONGOING");
        submitAndWait(saga(gid));
        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", gid)).status()).isEqualTo(200);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        HttpReply again = dtm.post("/api/dtmsvr/forceStop", Map.of("gid", gid));
        assertThat(again.status()).isEqualTo(409);
        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", "no-such-gid")).status()).isEqualTo(404);
        assertThat(cronPicks(gid)).as("a stopped transaction is never picked again").isFalse();
    }

    @Test
    void resetNextCronTimeMakesATransactionDueNow() {
        String gid = gid("apiResetNext");
        busi.setOnce(gid, "TransOut", "ONGOING");
        submitAndWait(saga(gid));
        assertThat(cronPicks(gid)).isFalse();
        assertThat(dtm.post("/api/dtmsvr/resetNextCronTime", Map.of("gid", gid)).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cronPicks(gid)).isTrue();
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(dtm.post("/api/dtmsvr/resetNextCronTime", Map.of("gid", "no-such-gid")).status()).isEqualTo(404);
    }

    @Test
    void resetCronTimeReportsRemainingAndCount() {
        for (int i = 0; i < 3; i++) {
            String gid = gid("apiResetCron" + i);
            Map<String, Object> body = trans(gid, "tcc");
            body.put("retry_interval", 100_000);
            dtm.post("/api/dtmsvr/prepare", body);
        }
        Map<String, Object> first = dtm.get("/api/dtmsvr/resetCronTime?timeout=50000&limit=2").json();
        assertThat(first).containsEntry("has_remaining", true).containsEntry("succeed_count", 2);
        Map<String, Object> second = dtm.get("/api/dtmsvr/resetCronTime?timeout=50000&limit=2").json();
        assertThat(second).containsEntry("has_remaining", false).containsEntry("succeed_count", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscribeUnsubscribeDeleteAndTheirErrors() {
        String topic = "apiTopic-" + dtm.newGid();
        String url = busiUrl() + "/TransOut";
        assertThat(dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + url + "&remark=r").status())
            .isEqualTo(200);
        assertThat(dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + url).status()).isEqualTo(400);
        assertThat(dtm.get("/api/dtmsvr/subscribe?topic=&url=" + url).status()).isEqualTo(400);
        assertThat(dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=").status()).isEqualTo(400);

        Map<String, Object> kv = dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json();
        List<Map<String, Object>> rows = (List<Map<String, Object>>) kv.get("kv");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("k", topic).containsEntry("version", 1);
        assertThat(TransJson.MAPPER.readTree((String) rows.get(0).get("v")).get(0).get("url").asString())
            .isEqualTo(url);
        List<Map<String, Object>> scanned = (List<Map<String, Object>>) dtm.get("/api/dtmsvr/scanKV?cat=topics")
            .json()
            .get("kv");
        assertThat(scanned).extracting(r -> r.get("k")).contains(topic);

        assertThat(dtm.get("/api/dtmsvr/unsubscribe?topic=" + topic + "&url=http://nowhere").status()).isEqualTo(400);
        assertThat(dtm.get("/api/dtmsvr/unsubscribe?topic=no-topic&url=" + url).status()).isEqualTo(404);
        assertThat(dtm.get("/api/dtmsvr/unsubscribe?topic=" + topic + "&url=" + url).status()).isEqualTo(200);
        assertThat(dtm.delete("/api/dtmsvr/topic/" + topic).status()).isEqualTo(200);
        assertThat(dtm.delete("/api/dtmsvr/topic/" + topic).status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void scanKvPagesThroughEveryTopicWithTheNextPositionItReturns() {
        String prefix = "apiPagedTopic-" + dtm.newGid() + "-";
        List<String> topics = List.of(prefix + "a", prefix + "b", prefix + "c");
        for (String topic : topics) {
            assertThat(dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + busiUrl() + "/TransOut").status())
                .isEqualTo(200);
        }
        List<Object> seen = new ArrayList<>();
        String position = "";
        for (int page = 0; page < 1000; page++) {
            HttpReply reply = dtm.get("/api/dtmsvr/scanKV?cat=topics&limit=1&position=" + position);
            assertThat(reply.status()).as("page %s at position '%s': %s", page, position, reply).isEqualTo(200);
            ((List<Map<String, Object>>) reply.json().get("kv")).forEach(row -> seen.add(row.get("k")));
            position = (String) reply.json().get("next_position");
            if (position == null || position.isEmpty()) {
                break;
            }
        }
        assertThat(seen).containsAll(topics).doesNotHaveDuplicates();
        assertThat(dtm.get("/api/dtmsvr/scanKV?cat=topics&position=" + "x".repeat(300)).status()).isEqualTo(400);
        topics.forEach(topic -> dtm.delete("/api/dtmsvr/topic/" + topic));
    }

    @Test
    @SuppressWarnings("unchecked")
    void concurrentSubscribesAreNeverLost() throws Exception {
        String topic = "apiConcurrentTopic-" + dtm.newGid();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpReply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String url = busiUrl() + "/Sub" + i;
                replies.add(pool.submit(() -> dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + url)));
            }
            for (Future<HttpReply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdown();
        }
        Map<String, Object> row = ((List<Map<String, Object>>) dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic)
            .json()
            .get("kv")).get(0);
        assertThat(TransJson.MAPPER.readTree((String) row.get("v")).size()).isEqualTo(20);
        assertThat(row).containsEntry("version", 20);
    }

    @Test
    void queryTimesUseTheStoredInstant() {
        String gid = gid("apiTimes");
        Instant before = clock.instant().minusSeconds(1);
        dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc"));
        String created = (String) dtm.transaction(gid).get("create_time");
        assertThat(java.time.OffsetDateTime.parse(created).toInstant())
            .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

}
