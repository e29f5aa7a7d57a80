package io.dtm.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Submits the sagas over dtm's HTTP API, round-robin over the coordinators; a refused
 * connection, a timeout or a 5xx from a replica that is being killed sends the same gid
 * and body to the next one (a repeated submit is allowed by the protocol). Closed loop:
 * each of {@code --concurrency} workers submits a transfer and follows it until it is
 * finished (or a while), then takes the next, so the kills hit transfers in every phase.
 */
final class Driver {

    static final String SUCCEED = "succeed";
    static final String FAILED = "failed";

    private static final Duration SUBMIT_GIVE_UP = Duration.ofSeconds(90);

    private static final Duration FOLLOW = Duration.ofSeconds(15);

    private final ChaosSettings settings;

    private final List<String> coordinators;

    private final String bankUrl;

    private final Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private final AtomicInteger next = new AtomicInteger();

    private final AtomicInteger submitRetries = new AtomicInteger();

    /** gid → last status seen; absent: never accepted by a coordinator. */
    private final Map<String, String> status = new ConcurrentHashMap<>();

    private final Map<String, String> submitErrors = new ConcurrentHashMap<>();

    Driver(ChaosSettings settings, List<String> coordinators, String bankUrl, Clock clock) {
        this.settings = settings;
        this.coordinators = coordinators;
        this.bankUrl = bankUrl;
        this.clock = clock;
    }

    Map<String, String> statuses() {
        return status;
    }

    Map<String, String> submitErrors() {
        return submitErrors;
    }

    int submitRetries() {
        return submitRetries.get();
    }

    void runTransfers(List<Transfer> transfers) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency());
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, transfers.size() / 10);
        for (int w = 0; w < settings.concurrency(); w++) {
            workers.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < transfers.size()) {
                    Transfer t = transfers.get(i);
                    try {
                        if (submit(t, i)) {
                            follow(t.gid(), System.nanoTime() + FOLLOW.toNanos());
                        }
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    int n = done.incrementAndGet();
                    if (n % step == 0) {
                        clock.log(n + "/" + transfers.size() + " transfers submitted");
                    }
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(settings.maxTime().toSeconds(), TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }

    /**
     * Waits until every accepted transfer is succeed or failed, or the deadline. Returns
     * the unfinished gids.
     */
    List<String> awaitAllFinished(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<String> open = new ArrayList<>();
            status.forEach((gid, st) -> {
                if (!isFinal(st)) {
                    open.add(gid);
                }
            });
            for (String gid : open) {
                JsonNode q = query(gid);
                if (q != null) {
                    status.put(gid, q.path("transaction").path("status").asString(""));
                }
            }
            open.removeIf(gid -> isFinal(status.get(gid)));
            if (open.isEmpty() || System.nanoTime() > deadline) {
                return open;
            }
            Thread.sleep(500);
        }
    }

    private boolean submit(Transfer t, int index) throws InterruptedException {
        String body = submitBody(t);
        long giveUp = System.nanoTime() + SUBMIT_GIVE_UP.toNanos();
        int attempt = 0;
        String lastError = "";
        while (System.nanoTime() < giveUp) {
            String base = coordinators.get((index + attempt) % coordinators.size());
            attempt++;
            if (attempt > 1) {
                submitRetries.incrementAndGet();
            }
            try {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dtmsvr/submit"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
                int code = res.statusCode();
                if (code == 200) {
                    status.put(t.gid(), "submitted");
                    return true;
                }
                if (code == 409) {
                    // a repeat of a submit that reached a replica before it died: the
                    // transaction has finished
                    JsonNode q = query(t.gid());
                    if (q != null && !q.path("transaction").path("status").asString("").isEmpty()) {
                        status.put(t.gid(), q.path("transaction").path("status").asString());
                        return true;
                    }
                }
                if (code < 500 && code != 409) {
                    submitErrors.put(t.gid(), code + " " + res.body());
                    clock.log("submit of " + t.gid() + " refused: " + code + " " + res.body());
                    return false;
                }
                lastError = code + " " + res.body();
            }
            catch (IOException ex) {
                lastError = ex.toString();
            }
            if (attempt % coordinators.size() == 0) {
                Thread.sleep(300);
            }
        }
        submitErrors.put(t.gid(), "not accepted within " + SUBMIT_GIVE_UP.toSeconds() + "s: " + lastError);
        return false;
    }

    private void follow(String gid, long until) throws InterruptedException {
        while (System.nanoTime() < until) {
            Thread.sleep(250);
            JsonNode q = query(gid);
            if (q != null) {
                String st = q.path("transaction").path("status").asString("");
                status.put(gid, st);
                if (isFinal(st)) {
                    return;
                }
            }
        }
    }

    /** The {@code /query} reply from any live coordinator, or null if none answered. */
    JsonNode query(String gid) throws InterruptedException {
        int start = Math.floorMod(gid.hashCode() + next.get(), coordinators.size());
        for (int k = 0; k < coordinators.size(); k++) {
            String base = coordinators.get((start + k) % coordinators.size());
            try {
                HttpResponse<String> res = http.send(HttpRequest
                    .newBuilder(URI
                        .create(base + "/api/dtmsvr/query?gid=" + URLEncoder.encode(gid, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200) {
                    return json.readTree(res.body());
                }
            }
            catch (IOException ex) {
                // this replica is down: ask the next
            }
        }
        return null;
    }

    private String submitBody(Transfer t) {
        String payload = json.writeValueAsString(t);
        ObjectNode body = json.createObjectNode();
        body.put("gid", t.gid());
        body.put("trans_type", "saga");
        var steps = body.putArray("steps");
        for (String[] step : new String[][] { { "TransOut", "TransOutRevert" }, { "TransIn", "TransInRevert" } }) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("action", bankUrl + "/api/bank/" + step[0]);
            s.put("compensate", bankUrl + "/api/bank/" + step[1]);
            steps.add(json.valueToTree(s));
        }
        body.putArray("payloads").add(payload).add(payload);
        body.put("retry_interval", t.retryInterval());
        if (settings.timeoutToFail() > 0) {
            body.put("timeout_to_fail", settings.timeoutToFail());
        }
        return json.writeValueAsString(body);
    }

    static boolean isFinal(String status) {
        return SUCCEED.equals(status) || FAILED.equals(status);
    }

}
