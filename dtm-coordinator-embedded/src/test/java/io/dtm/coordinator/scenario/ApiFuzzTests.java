package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Fuzzes every route of the coordinator with malformed and hostile requests (wrong JSON
 * types, huge and negative numbers, bad custom_data, invalid UTF-8, bad percent-encoding,
 * deep nesting, big bodies, wrong methods and content types) and checks after each: the
 * server answers, never with 5xx, never with Java, SQL or stack text, and a refused (4xx)
 * request changed nothing: the seeded transactions and topic are as they were and the gid
 * it named is not stored.
 *
 * <p>
 * Seeded and reproducible: {@code -Ddtm.fuzz.seed=<n>} replays a run (the seed is
 * printed), {@code
 * -Ddtm.fuzz.cases=<n>} sets the number of requests (2000 by default; e.g.
 * {@code mvn -pl dtm-coordinator-embedded
 * -am test -Dtest=ApiFuzzTests -Dsurefire.failIfNoSpecifiedTests=false -Ddtm.fuzz.cases=10000}
 * for a long run).
 */
class ApiFuzzTests extends ScenarioTestBase {

    private static final List<String> FORBIDDEN = List.of("java.", "javax.", "jakarta.", "Exception", "Throwable",
            "org.springframework", "tools.jackson", "com.fasterxml", "org.apache", "SQL", "at io.", "\tat ",
            "Caused by", "<html", "<!doctype");

    private RawHttp raw;

    private final List<String> seededGids = new ArrayList<>();

    private String seededTopic;

    private Map<String, String> snapshot;

    @Test
    void fuzzEveryRoute() {
        long seed = Long.getLong("dtm.fuzz.seed", new Random().nextLong());
        int cases = Integer.getInteger("dtm.fuzz.cases", 2000);
        System.out.println("fuzz: seed " + seed + " (rerun with -Ddtm.fuzz.seed=" + seed + "), " + cases + " cases");
        raw = new RawHttp(port);
        seed();
        snapshot = seededState();
        FuzzRequests requests = new FuzzRequests(new Random(seed), busiUrl(), seededGids, seededTopic);
        Set<String> acceptedGids = new HashSet<>(seededGids);
        List<String> problems = new ArrayList<>();
        int crashes = 0;
        int stateChanges = 0;
        int stackTraces = 0;
        int serverErrors = 0;
        for (int i = 1; i <= cases; i++) {
            FuzzRequests.Request request = requests.next();
            String where = "case " + i + " (seed " + seed + "): " + request.describe();
            HttpReply reply;
            try {
                reply = raw.send(request.method(), request.target(), request.contentType(), request.body());
            }
            catch (IllegalStateException ex) {
                if (!pingAnswers()) {
                    crashes++;
                    problems.add(where + " -> no reply and /api/ping is down: " + ex.getMessage());
                    break;
                }
                crashes++;
                problems.add(where + " -> no reply: " + ex.getMessage());
                continue;
            }
            if (reply.status() >= 500) {
                serverErrors++;
                problems.add(where + " -> " + reply);
            }
            String leaked = leak(reply.body(), request);
            if (leaked != null) {
                stackTraces++;
                problems.add(where + " -> reply holds '" + leaked + "': " + reply);
            }
            if (reply.status() >= 200 && reply.status() < 300) {
                if (request.gid() != null) {
                    acceptedGids.add(request.gid());
                    acceptedGids.add(cleaned(request.gid()));
                }
                snapshot = stableSeededState();
            }
            else if (reply.status() >= 400 && reply.status() < 500) {
                String changed = stateChange(request, acceptedGids);
                if (changed != null) {
                    stateChanges++;
                    problems.add(where + " -> " + reply.status() + " but " + changed);
                    snapshot = seededState();
                }
            }
            if (i % 250 == 0 && !pingAnswers()) {
                crashes++;
                problems.add("after case " + i + ": /api/ping does not answer");
                break;
            }
        }
        String unexpected = unexpectedGids(acceptedGids);
        if (unexpected != null) {
            stateChanges++;
            problems.add(unexpected);
        }
        if (!pingAnswers()) {
            crashes++;
        }
        System.out.println("fuzz: " + cases + " cases, " + crashes + " crashes, " + stateChanges + " state changes, "
                + stackTraces + " stack traces, " + serverErrors + " 5xx");
        problems.stream().limit(30).forEach(p -> System.out.println("fuzz problem: " + p));
        assertThat(problems).as("fuzz problems (seed %d)", seed).isEmpty();
    }

    /**
     * Transactions in known states and a topic, which refused requests must leave as they
     * are.
     */
    private void seed() {
        String tcc = gid("fzSeedTcc");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(tcc, "tcc")).status()).isEqualTo(200);
        assertThat(dtm
            .post("/api/dtmsvr/registerBranch",
                    Map.of("gid", tcc, "trans_type", "tcc", "branch_id", "01", "confirm",
                            busiUrl() + "/TransOutConfirm", "cancel", busiUrl() + "/TransOutRevert", "data", "{}"))
            .status()).isEqualTo(200);
        String succeeded = gid("fzSeedSucceed");
        Map<String, Object> saga = saga(succeeded);
        saga.put("wait_result", true);
        assertThat(dtm.post("/api/dtmsvr/submit", saga).status()).isEqualTo(200);
        String failed = gid("fzSeedFailed");
        assertThat(dtm.post("/api/dtmsvr/prepare", saga(failed)).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", failed)).status()).isEqualTo(200);
        String msg = gid("fzSeedMsg");
        Map<String, Object> msgBody = trans(msg, "msg");
        msgBody.put("steps", List.of(Map.of("action", busiUrl() + "/TransIn")));
        msgBody.put("payloads", List.of("{}"));
        msgBody.put("query_prepared", busiUrl() + "/QueryPrepared");
        assertThat(dtm.post("/api/dtmsvr/prepare", msgBody).status()).isEqualTo(200);
        String workflow = gid("fzSeedWf");
        Map<String, Object> wf = trans(workflow, "workflow");
        wf.put("custom_data", "{\"name\":\"wf\",\"data\":\"e30=\"}");
        assertThat(dtm.post("/api/dtmsvr/prepareWorkflow", wf).status()).isEqualTo(200);
        seededGids.addAll(List.of(tcc, succeeded, failed, msg, workflow));
        assertThat(dtm.status(succeeded)).isEqualTo("succeed");
        assertThat(dtm.status(failed)).isEqualTo("failed");
        seededTopic = "fzSeedTopic-" + dtm.newGid();
        assertThat(
                dtm.get("/api/dtmsvr/subscribe?topic=" + seededTopic + "&url=" + enc(busiUrl() + "/TransIn")).status())
            .isEqualTo(200);
    }

    private Map<String, String> seededState() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String gid : seededGids) {
            state.put(gid, dtm.get("/api/dtmsvr/query?gid=" + enc(gid)).body());
        }
        state.put("topic", dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + enc(seededTopic)).body());
        return state;
    }

    /**
     * After an accepted request: the state once background processing it may have started
     * has settled.
     */
    private Map<String, String> stableSeededState() {
        Map<String, String>[] last = new Map[] { seededState() };
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Map<String, String> now = seededState();
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    private String stateChange(FuzzRequests.Request request, Set<String> acceptedGids) {
        Map<String, String> now = seededState();
        if (!now.equals(snapshot)) {
            for (String key : now.keySet()) {
                if (!now.get(key).equals(snapshot.get(key))) {
                    return "seeded " + key + " changed: " + snapshot.get(key) + " -> " + now.get(key);
                }
            }
        }
        if (request.gid() != null && !acceptedGids.contains(request.gid())) {
            for (String gid : new LinkedHashSet<>(List.of(request.gid(), cleaned(request.gid())))) {
                if (!gid.isEmpty() && gid.length() <= 128 && gid.indexOf('\0') < 0
                        && !dtm.get("/api/dtmsvr/query?gid=" + enc(gid)).body().contains("\"transaction\":null")) {
                    return "gid " + gid + " was stored";
                }
            }
        }
        if (request.topic() != null) {
            HttpReply kv = dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + enc(request.topic()));
            if (!kv.body().contains("\"kv\":[]")) {
                return "topic " + request.topic() + " was stored: " + kv.body();
            }
        }
        return null;
    }

    /** Every stored gid is a seeded one or one that a request was answered 2xx for. */
    @SuppressWarnings("unchecked")
    private String unexpectedGids(Set<String> acceptedGids) {
        String position = "";
        do {
            Map<String, Object> page = dtm
                .get("/api/dtmsvr/all?limit=1000" + (position.isEmpty() ? "" : "&position=" + position))
                .json();
            List<Map<String, Object>> transactions = (List<Map<String, Object>>) page.get("transactions");
            for (Map<String, Object> t : transactions == null ? List.<Map<String, Object>>of() : transactions) {
                String gid = (String) t.get("gid");
                if (gid.startsWith("fz") && !acceptedGids.contains(gid)) {
                    return "gid " + gid + " is stored although no request naming it was accepted";
                }
            }
            position = page.get("next_position") == null ? "" : String.valueOf(page.get("next_position"));
        }
        while (!position.isEmpty());
        return null;
    }

    private boolean pingAnswers() {
        try {
            return dtm.get("/api/ping").status() == 200;
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    /**
     * A forbidden token in the reply that the request did not send itself (an echo of
     * input is fine).
     */
    private static String leak(String body, FuzzRequests.Request request) {
        String sent = request.target()
                + (request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
        for (String token : FORBIDDEN) {
            if (body.contains(token) && !sent.contains(token)) {
                return token;
            }
        }
        return null;
    }

    private static String cleaned(String gid) {
        return gid.replace("\n", "").replace("\r", "").replace(";", "");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
