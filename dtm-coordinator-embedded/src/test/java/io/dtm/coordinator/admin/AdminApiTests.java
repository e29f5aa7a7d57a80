package io.dtm.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.TestPropertySource;

import io.dtm.coordinator.scenario.HttpReply;
import io.dtm.coordinator.scenario.RawHttp;
import io.dtm.coordinator.scenario.ScenarioTestBase;

/**
 * The admin endpoints over real HTTP, with authentication off: filters, paging, details,
 * validation, the UI files.
 */
@TestPropertySource(
        properties = { "dtm.coordinator.admin.heartbeat-interval=200ms", "dtm.coordinator.admin.stuck-after=1h" })
class AdminApiTests extends ScenarioTestBase {

    private final String run = "adm" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(HttpReply reply, String key) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return (List<Map<String, Object>>) reply.json().get(key);
    }

    private List<String> gids(String query) {
        return rows(dtm.get("/api/admin/transactions?" + query), "transactions").stream()
            .map(t -> (String) t.get("gid"))
            .toList();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String submitSaga(String gid) {
        submitAndWait(saga(gid));
        return gid;
    }

    @Test
    void filtersByGidPrefixLiterallyByStatusAndTypeAndPages() {
        String base = run + "list-";
        List<String> newestFirst = new ArrayList<>();
        for (String suffix : List.of("a%b", "aXb", "a_c", "aYc")) {
            newestFirst.add(0, submitSaga(base + suffix));
        }
        String failed = base + "fail";
        busi.setOnce(failed, "TransIn", "FAILURE");
        submitSaga(failed);
        newestFirst.add(0, failed);

        assertThat(gids("gidPrefix=" + enc(base + "a%"))).containsExactly(base + "a%b");
        assertThat(gids("gidPrefix=" + enc(base + "a_"))).containsExactly(base + "a_c");
        assertThat(gids("gidPrefix=" + enc(base))).containsExactlyElementsOf(newestFirst);
        assertThat(gids("gidPrefix=" + enc(base) + "&status=failed")).containsExactly(failed);
        assertThat(gids("gidPrefix=" + enc(base) + "&status=succeed")).hasSize(4).doesNotContain(failed);
        assertThat(gids("gidPrefix=" + enc(base) + "&type=tcc")).isEmpty();
        assertThat(gids("gidPrefix=" + enc(base) + "&type=saga")).hasSize(5);

        HttpReply first = dtm.get("/api/admin/transactions?limit=2&gidPrefix=" + enc(base));
        assertThat(rows(first, "transactions")).extracting(t -> t.get("gid"))
            .containsExactlyElementsOf(newestFirst.subList(0, 2));
        String next = (String) first.json().get("next_position");
        assertThat(next).isNotEmpty();
        HttpReply second = dtm.get("/api/admin/transactions?limit=2&gidPrefix=" + enc(base) + "&position=" + next);
        assertThat(rows(second, "transactions")).extracting(t -> t.get("gid"))
            .containsExactlyElementsOf(newestFirst.subList(2, 4));
        HttpReply third = dtm.get("/api/admin/transactions?limit=2&gidPrefix=" + enc(base) + "&position="
                + second.json().get("next_position"));
        assertThat(rows(third, "transactions")).extracting(t -> t.get("gid")).containsExactly(newestFirst.get(4));
        assertThat(third.json().get("next_position")).isEqualTo("");

        Map<String, Object> row = rows(dtm.get("/api/admin/transactions?gidPrefix=" + enc(failed)), "transactions")
            .get(0);
        assertThat(row).containsEntry("status", "failed")
            .containsEntry("trans_type", "saga")
            .containsKeys("create_time", "update_time", "finish_time", "rollback_reason");
    }

    @Test
    void filtersByCreateTimeRange() {
        String gid = submitSaga(run + "window");
        Instant created = Instant
            .parse((String) rows(dtm.get("/api/admin/transactions?gidPrefix=" + enc(gid)), "transactions").get(0)
                .get("create_time"));
        String p = "gidPrefix=" + enc(gid);
        assertThat(gids(p + "&createdFrom=" + created.minusSeconds(5) + "&createdTo=" + created.plusSeconds(5)))
            .containsExactly(gid);
        assertThat(gids(p + "&createdFrom=" + created.plusSeconds(5))).isEmpty();
        assertThat(gids(p + "&createdTo=" + created.minusSeconds(5))).isEmpty();
    }

    @Test
    void aFailedSagaShowsItsBranchesAndTheCallsInTheOrderTheyWereMade() {
        String gid = run + "detail";
        busi.setOnce(gid, "TransIn", "FAILURE");
        busi.setOnce(gid, "TransOutRevert", "ERROR");
        submitSaga(gid);
        cronOnce(gid); // TransOutRevert answered 500 the first time: the poller retries
                       // it

        HttpReply reply = dtm.get("/api/admin/transaction?gid=" + enc(gid));
        assertThat(reply.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) reply.json().get("transaction");
        assertThat(t).containsEntry("gid", gid)
            .containsEntry("status", "failed")
            .containsEntry("trans_type", "saga")
            .containsEntry("retry_interval", 10)
            .containsEntry("retry_interval_is_default", true)
            .containsKeys("next_cron_time", "create_time", "finish_time", "rollback_reason", "trace_id");
        assertThat((String) t.get("rollback_reason")).contains("Insufficient balance");

        assertThat(rows(reply, "branches"))
            .extracting(b -> b.get("branch_id") + "/" + b.get("op") + "/" + b.get("status"))
            .containsExactly("01/action/succeed", "01/compensate/succeed", "02/action/failed", "02/compensate/succeed");
        assertThat(rows(reply, "branches"))
            .allSatisfy(b -> assertThat(b).containsKeys("create_time", "update_time", "duration_ms"));

        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) reply.json().get("seen_by_this_replica");
        assertThat(seen).containsEntry("capacity", 10_000);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> calls = (List<Map<String, Object>>) seen.get("calls");
        assertThat(calls)
            .extracting(c -> c.get("branch_id") + "/" + c.get("op") + "#" + c.get("attempt") + "=" + c.get("result")
                    + "/" + c.get("http_status"))
            .containsExactly("01/action#1=success/200", "02/action#1=failure/409", "02/compensate#1=success/200",
                    "01/compensate#1=retryable/500", "01/compensate#2=success/200");
        assertThat(calls).allSatisfy(c -> assertThat(c).containsKeys("start_time", "duration_ms", "url"));
        assertThat(calls.get(3).get("message").toString()).contains("http status 500");
    }

    @Test
    void aForceStopThroughTheDtmApiShowsInTheDetail() {
        String gid = run + "stop";
        busi.setOnce(gid, "TransOut", "ERROR");
        submitSaga(gid);
        assertThat(detailStatus(gid)).isEqualTo("submitted");
        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", gid)).status()).isEqualTo(200);
        assertThat(detailStatus(gid)).isEqualTo("failed");
        Map<String, Object> detail = detail(gid);
        assertThat(detail.get("force_stopped_time")).as("the stored force-stop mark").isNotNull();
        assertThat(Instant.parse((String) detail.get("force_stopped_time"))).isBetween(clock.instant().minusSeconds(2),
                clock.instant());
        assertThat(rows(dtm.get("/api/admin/transactions?gidPrefix=" + enc(gid)), "transactions").get(0))
            .containsEntry("force_stopped_time", detail.get("force_stopped_time"));
        String rolledBack = run + "rolledback";
        busi.setOnce(rolledBack, "TransIn", "FAILURE");
        submitSaga(rolledBack);
        assertThat(detail(rolledBack)).containsEntry("status", "failed").containsEntry("force_stopped_time", null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> detail(String gid) {
        return (Map<String, Object>) dtm.get("/api/admin/transaction?gid=" + enc(gid)).json().get("transaction");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailingTransactionIsStuckFromItsFirstFailedCallWithItsLastError() {
        String gid = run + "failing";
        busi.setOnce(gid, "TransOut", "ERROR", "ERROR");
        Map<String, Object> saga = saga(gid);
        saga.put("retry_interval", 3600);
        submitAndWait(saga);
        Map<String, Object> row = rows(dtm.get("/api/admin/stuck"), "transactions").stream()
            .filter(t -> gid.equals(t.get("gid")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("not stuck after its first failed call"));
        assertThat((String) row.get("reason")).contains("branch calls have failed since");
        Map<String, Object> listed = rows(dtm.get("/api/admin/transactions?gidPrefix=" + enc(gid)), "transactions")
            .get(0);
        Map<String, Object> error = (Map<String, Object>) listed.get("branch_error");
        assertThat(error).containsEntry("branch_id", "01")
            .containsEntry("op", "action")
            .containsEntry("url", busiUrl() + "/TransOut");
        assertThat((String) error.get("message")).contains("500");
        Instant firstFailure = Instant.parse((String) error.get("failing_since"));

        clock.advance(Duration.ofSeconds(5));
        assertThat(dtm.post("/api/dtmsvr/resetNextCronTime", Map.of("gid", gid)).status()).isEqualTo(200);
        assertThat(cronPicks(gid)).isTrue();
        error = (Map<String, Object>) detail(gid).get("branch_error");
        assertThat(Instant.parse((String) error.get("time"))).isAfter(firstFailure);
        assertThat(Instant.parse((String) error.get("failing_since"))).as("since the first failure")
            .isEqualTo(firstFailure);

        assertThat(dtm.post("/api/dtmsvr/resetNextCronTime", Map.of("gid", gid)).status()).isEqualTo(200);
        assertThat(cronPicks(gid)).isTrue();
        assertThat(detail(gid)).containsEntry("status", "succeed").containsEntry("branch_error", null);
        assertThat(stuckGids("")).doesNotContain(gid);
    }

    @Test
    @SuppressWarnings("unchecked")
    void bulkRetryMakesTheSelectedTransactionsDueBoundedAndCounted() {
        String prefix = run + "bulk-";
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String gid = prefix + i;
            busi.setOnce(gid, "TransOut", "ERROR");
            Map<String, Object> saga = saga(gid);
            saga.put("retry_interval", 3600);
            submitAndWait(saga);
            gids.add(gid);
        }
        String other = run + "bulkother";
        busi.setOnce(other, "TransOut", "ERROR");
        Map<String, Object> saga = saga(other);
        saga.put("retry_interval", 3600);
        submitAndWait(saga);
        for (String gid : gids) {
            assertThat(nextCronTime(gid)).isAfter(clock.instant().plusSeconds(3000));
        }

        HttpReply two = dtm.post("/api/admin/retry", Map.of("gid_prefix", prefix, "limit", 2));
        assertThat(two.status()).as("%s", two).isEqualTo(200);
        assertThat(two.json()).containsEntry("matched", 2)
            .containsEntry("reset", 2)
            .containsEntry("skipped", 0)
            .containsEntry("more", true)
            .containsEntry("limit", 2);
        assertThat(gids.stream().filter(g -> !nextCronTime(g).isAfter(clock.instant())).count()).isEqualTo(2);

        HttpReply all = dtm.post("/api/admin/retry",
                Map.of("gid_prefix", prefix, "status", "submitted", "trans_type", "saga", "stuck_only", true));
        assertThat(all.json()).containsEntry("matched", 3).containsEntry("reset", 3).containsEntry("more", false);
        for (String gid : gids) {
            assertThat(nextCronTime(gid)).isBeforeOrEqualTo(clock.instant());
        }
        assertThat(nextCronTime(other)).as("outside the filter").isAfter(clock.instant().plusSeconds(3000));
        assertThat(dtm.post("/api/admin/retry", Map.of("gid_prefix", prefix, "trans_type", "tcc")).json())
            .containsEntry("matched", 0);
    }

    @Test
    void aBranchPayloadIsFetchedOnItsOwn() {
        String gid = submitSaga(run + "payload");
        HttpReply reply = dtm.get("/api/admin/payload?gid=" + enc(gid) + "&branch_id=01&op=action");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json()).containsEntry("encoding", "text").containsEntry("branch_id", "01");
        assertThat((String) reply.json().get("payload")).contains("amount");
        assertThat(dtm.get("/api/admin/transaction?gid=" + enc(gid)).body()).as("not in the detail")
            .doesNotContain("amount");
        HttpReply noBranch = dtm.get("/api/admin/payload?gid=" + enc(gid) + "&branch_id=09&op=action");
        assertThat(noBranch.status()).isEqualTo(404);
        assertThat((String) noBranch.json().get("message")).contains("no branch 09");
        HttpReply missing = dtm.get("/api/admin/payload?gid=" + enc(gid));
        assertThat(missing.status()).isEqualTo(400);
        assertThat((String) missing.json().get("message")).contains("'branch_id' is required");
    }

    private Instant nextCronTime(String gid) {
        return Instant.parse((String) detail(gid).get("next_cron_time"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"',
            value = { "{\"status\":\"succeed\"}|'status' must be one of",
                    "{\"trans_type\":\"batch\"}|'trans_type' must be one of",
                    "{\"limit\":0}|'limit' must be between 1 and 200 (dtm.coordinator.admin.max-bulk-retry)",
                    "{\"limit\":201}|'limit' must be between 1 and 200", "{\"limit\":\"5\"}|'limit'",
                    "{\"stuck_only\":1}|'stuck_only'", "{\"gid\":\"x\"}|unknown field 'gid'", "[]|JSON object",
                    "{|malformed JSON" })
    void bulkRetryRefusesBadFilters(String body, String expected) {
        HttpReply reply = new RawHttp(port).send("POST", "/api/admin/retry", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat((String) reply.json().get("message")).contains(expected);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("java.");
    }

    @SuppressWarnings("unchecked")
    private String detailStatus(String gid) {
        return (String) ((Map<String, Object>) dtm.get("/api/admin/transaction?gid=" + enc(gid))
            .json()
            .get("transaction")).get("status");
    }

    @Test
    void stuckListsAbortingAndOverdueTransactionsOldestFirst() {
        // long retry intervals: other tests' poller passes never make these due
        String overdue = run + "overdue";
        busi.setOnce(overdue, "TransOut", "ONGOING");
        Map<String, Object> saga = saga(overdue);
        saga.put("timeout_to_fail", 30);
        saga.put("retry_interval", 3600);
        submitAndWait(saga);
        clock.advance(Duration.ofSeconds(2));
        String aborting = run + "aborting";
        busi.setOnce(aborting, "TransIn", "FAILURE");
        busi.setOnce(aborting, "TransOutRevert", "ERROR");
        saga = saga(aborting);
        saga.put("retry_interval", 3600);
        submitAndWait(saga);
        clock.advance(Duration.ofSeconds(2));
        String young = run + "young";
        busi.setOnce(young, "TransOut", "ONGOING");
        saga = saga(young);
        saga.put("retry_interval", 3600);
        submitAndWait(saga);

        assertThat(stuckGids("")).contains(aborting).doesNotContain(overdue, young);
        clock.advance(Duration.ofSeconds(27));
        assertThat(stuckGids("")).contains(overdue, aborting).doesNotContain(young);
        assertThat(stuckGids("?olderThan=20")).contains(overdue, aborting, young);
        List<String> all = stuckGids("?olderThan=20");
        assertThat(all.indexOf(overdue)).isLessThan(all.indexOf(aborting));
        assertThat(all.indexOf(aborting)).isLessThan(all.indexOf(young));

        Map<String, Object> row = rows(dtm.get("/api/admin/stuck"), "transactions").stream()
            .filter(t -> overdue.equals(t.get("gid")))
            .findFirst()
            .orElseThrow();
        assertThat((String) row.get("reason")).contains("past its timeout of 30 s");
        assertThat(row).containsKeys("age_s", "timeout_at");
        assertThat(dtm.get("/api/admin/stuck").json()).containsKeys("total", "scanned", "cut_short", "threshold_s");
    }

    private List<String> stuckGids(String query) {
        return rows(dtm.get("/api/admin/stuck" + query), "transactions").stream()
            .map(t -> (String) t.get("gid"))
            .toList();
    }

    @Test
    void topicsListTheirSubscribers() {
        String topic = run + "orders";
        assertThat(dtm
            .get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + enc(busiUrl() + "/TransIn") + "&remark=inventory")
            .status()).isEqualTo(200);
        assertThat(dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + enc(busiUrl() + "/TransOut")).status())
            .isEqualTo(200);
        Map<String, Object> row = rows(dtm.get("/api/admin/topics?limit=200"), "topics").stream()
            .filter(t -> topic.equals(t.get("topic")))
            .findFirst()
            .orElseThrow();
        assertThat(row.get("subscribers"))
            .isEqualTo(List.of(Map.of("url", busiUrl() + "/TransIn", "remark", "inventory"),
                    Map.of("url", busiUrl() + "/TransOut", "remark", "")));
        assertThat(row).containsEntry("readable", true).containsEntry("version", 2);
    }

    @Test
    void thisReplicaIsLiveAndNamedInInfo() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !rows(dtm.get("/api/admin/replicas"), "replicas").isEmpty());
        Map<String, Object> self = rows(dtm.get("/api/admin/replicas"), "replicas").stream()
            .filter(r -> Boolean.TRUE.equals(r.get("self")))
            .findFirst()
            .orElseThrow();
        assertThat((String) self.get("id")).contains(":" + port + "@");
        assertThat(self).containsEntry("port", port)
            .containsEntry("heartbeat_interval_ms", 200)
            .containsKeys("host", "version", "started", "last_seen");
        Map<String, Object> info = dtm.get("/api/admin/info").json();
        assertThat(info).containsEntry("replica", self.get("id"))
            .containsEntry("recent_calls", 10_000)
            .containsEntry("stuck_after_s", 3600)
            .containsKey("version");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/admin/transactions?status=done|'status' must be one of prepared, submitted, aborting, succeed, failed",
            "/api/admin/transactions?type=batch|'type' must be one of saga, tcc, xa, msg, workflow",
            "/api/admin/transactions?limit=0|'limit' must be between 1 and 200",
            "/api/admin/transactions?limit=201|'limit' must be between 1 and 200",
            "/api/admin/transactions?limit=ten|'limit' must be a whole number between 1 and 200",
            "/api/admin/transactions?position=abc|'position' must be the next_position of the previous page",
            "/api/admin/transactions?position=-5|'position' must be the next_position of the previous page",
            "/api/admin/transactions?createdFrom=yesterday|'createdFrom' must be an ISO-8601 instant",
            "/api/admin/transactions?createdTo=2026-01-01|'createdTo' must be an ISO-8601 instant",
            "/api/admin/transactions?createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z|'createdFrom' must not be after 'createdTo'",
            "/api/admin/transactions?sort=gid|unknown query parameter 'sort'",
            "/api/admin/transactions?status=failed&status=succeed|'status' is given 2 times",
            "/api/admin/transactions?gidPrefix=a%01b|'gidPrefix' must not contain control characters",
            "/api/admin/transaction|'gid' is required", "/api/admin/transaction?gid=|'gid' is required",
            "/api/admin/stuck?olderThan=0|'olderThan' must be between 1 and",
            "/api/admin/stuck?limit=x|'limit' must be a whole number",
            "/api/admin/topics?position=1.5|'position' must be the next_position",
            "/api/admin/replicas?all=true|unknown query parameter 'all': this route takes none",
            "/api/admin/transactions?gidPrefix=%zz|bad percent-encoding" })
    void badParametersAre400NamingTheParameterAndTheRule(String path, String expected) {
        HttpReply reply = new RawHttp(port).send("GET", path, null, null);
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.json()).containsOnlyKeys("message");
        assertThat((String) reply.json().get("message")).contains(expected);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void tooLongValuesAndUnknownThingsAreRefused() {
        HttpReply tooLong = dtm.get("/api/admin/transactions?gidPrefix=" + "g".repeat(129));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat((String) tooLong.json().get("message")).contains("'gidPrefix' is 129 characters long; at most 128");

        HttpReply unknownGid = dtm.get("/api/admin/transaction?gid=" + run + "nobody");
        assertThat(unknownGid.status()).isEqualTo(404);
        assertThat((String) unknownGid.json().get("message")).contains("no transaction with gid");

        HttpReply unknownRoute = dtm.get("/api/admin/nothing");
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.json()).containsOnlyKeys("message");

        HttpReply wrongMethod = dtm.post("/api/admin/transactions", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json()).containsOnlyKeys("message");
    }

    @Test
    void theUiIsServedAtAdminWithItsFilesAndBrowserProtections() throws Exception {
        for (String path : List.of("/admin", "/admin/", "/admin/index.html")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("<base href=\"/admin/\">").contains("app.js");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    v -> assertThat(v).contains("script-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        }
        HttpResponse<String> script = get("/admin/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(script.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(get("/admin/admin.css").statusCode()).isEqualTo(200);
        assertThat(get("/admin/nothing-here.js").statusCode()).isEqualTo(404);
        assertThat(get("/api/admin/info").headers().firstValue("Cache-Control")).contains("no-store");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
    }

}
