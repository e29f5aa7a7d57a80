package io.dtm.coordinator.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.dtm.coordinator.model.TransJson;

/**
 * Generates malformed and hostile requests over every route of the coordinator from one
 * {@link Random}, so a seed reproduces the whole sequence. Each request records the gid
 * and topic it names, for the state checks.
 */
final class FuzzRequests {

    /**
     * A request as sent: anything goes in method, target, content type and body bytes.
     */
    record Request(String route, String method, String target, String contentType, byte[] body, String gid,
            String topic) {

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + (target.length() > 200 ? target.substring(0, 200) + "..." : target) + " ["
                    + contentType + "] " + (body == null ? "" : body.length + " bytes: " + text);
        }
    }

    private static final String[] TRANS_ROUTES = { "prepare", "submit", "abort", "forceStop", "resetNextCronTime",
            "prepareWorkflow" };

    private static final String[] BRANCH_ROUTES = { "registerBranch", "registerTccBranch", "registerXaBranch" };

    private static final String[] TYPES = { "saga", "tcc", "xa", "msg", "workflow" };

    private static final String[] METHODS = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FOO",
            "PROPFIND", "TRACE" };

    private static final String[] CONTENT_TYPES = { "application/json", "application/json", "application/json",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xx", null,
            "application/xml", "garbage", "application/json; charset=ISO-8859-1" };

    private static final Object[] HOSTILE_VALUES = { true, false, 0, -1, 1.5, -0.0, 1e300, "60", "", "yes", "null",
            2_147_483_648L, Long.MAX_VALUE, Long.MIN_VALUE, new java.math.BigInteger("99999999999999999999999999"),
            List.of(), List.of(1, "a"), Map.of(), Map.of("k", 1), "x".repeat(1100), "a\u0000b", "\ud83d\ude00",
            "http://127.0.0.1:1/x", "topic://", -9_007_199_254_740_993L };

    private static final String[] DURATION_FIELDS = { "timeout_to_fail", "request_timeout", "retry_interval",
            "retry_limit", "retry_count" };

    private static final String[] CUSTOM_DATA = { "{\"concurrent\":\"yes\"}", "{\"orders\":[1]}",
            "{\"concurrent\":true,\"orders\":{\"1\":[0]}}", "{\"concurrent\":true,\"orders\":{\"0\":[1],\"1\":[0]}}",
            "{\"orders\":{\"1\":[1]}}", "{\"orders\":{\"9\":[0]}}", "{\"orders\":{\"-1\":[0]}}",
            "{\"orders\":{\"1\":[null]}}", "{\"orders\":{\"1\":null}}", "{\"orders\":{\"1\":[1e9]}}", "{\"delay\":10}",
            "{\"delay\":-5}", "{\"delay\":\"5\"}", "{\"delay\":1.5}", "{\"delay\":99999999999999999999}",
            "{\"name\":\"wf\",\"data\":\"eyJhIjoxfQ==\"}", "{\"name\":5}", "{\"data\":\"%%%\"}", "{not json", "[]",
            "null", "\"str\"", "{\"Concurrent\":true}", "{\"DELAY\":3}", "" };

    private final Random random;

    private final String busiUrl;

    private final List<String> seededGids;

    private final String seededTopic;

    private int serial;

    FuzzRequests(Random random, String busiUrl, List<String> seededGids, String seededTopic) {
        this.random = random;
        this.busiUrl = busiUrl;
        this.seededGids = seededGids;
        this.seededTopic = seededTopic;
    }

    Request next() {
        serial++;
        int kind = random.nextInt(100);
        Request request;
        if (kind < 40) {
            request = transRequest();
        }
        else if (kind < 52) {
            request = branchRequest();
        }
        else if (kind < 64) {
            request = jsonRpc();
        }
        else if (kind < 84) {
            request = queryRoute();
        }
        else if (kind < 90) {
            request = topicDelete();
        }
        else if (kind < 95) {
            request = simpleRoute();
        }
        else {
            request = unknownRoute();
        }
        if (random.nextInt(12) == 0) {
            request = new Request(request.route(), pick(METHODS), request.target(), request.contentType(),
                    request.body(), request.gid(), request.topic());
        }
        if (random.nextInt(8) == 0) {
            request = new Request(request.route(), request.method(), request.target(), pick(CONTENT_TYPES),
                    request.body(), request.gid(), request.topic());
        }
        return request;
    }

    private Request transRequest() {
        String route = pick(TRANS_ROUTES);
        String gid = gid();
        Map<String, Object> body = transBody(gid, route.equals("prepareWorkflow") ? "workflow" : pick(TYPES));
        for (int mutations = random.nextInt(3); mutations >= 0; mutations--) {
            mutateTrans(body);
        }
        return post("/api/dtmsvr/" + route, route, encode(body, gid), gid, null);
    }

    private Map<String, Object> transBody(String gid, String type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", type);
        if (type.equals("saga") || type.equals("msg")) {
            int steps = 1 + random.nextInt(3);
            List<Map<String, String>> list = new ArrayList<>();
            List<String> payloads = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                Map<String, String> step = new LinkedHashMap<>();
                step.put("action", url());
                if (type.equals("saga")) {
                    step.put("compensate", url());
                }
                list.add(step);
                payloads.add("{\"amount\":" + random.nextInt(100) + "}");
            }
            body.put("steps", list);
            body.put("payloads", payloads);
        }
        if (type.equals("msg") || type.equals("workflow")) {
            body.put("query_prepared", url());
        }
        if (random.nextBoolean()) {
            body.put(pick(DURATION_FIELDS), random.nextInt(100));
        }
        return body;
    }

    private void mutateTrans(Map<String, Object> body) {
        switch (random.nextInt(12)) {
            case 0 ->
                body.put(pick(new String[] { "gid", "trans_type", "steps", "payloads", "protocol", "query_prepared",
                        "rollback_reason", "wait_result", "concurrent", "branch_headers", "req_extra", "custom_data" }),
                        pick(HOSTILE_VALUES));
            case 1, 2 -> body.put(pick(DURATION_FIELDS), pick(HOSTILE_VALUES));
            case 3, 4 -> body.put("custom_data", pick(CUSTOM_DATA));
            case 5 -> body.put("branch_headers",
                    Map.of(pick(new String[] { "X-Ok", "bad name", "Content-Length", "Host", "" }),
                            pick(new String[] { "v", "a\r\nb: c", "\u0000" })));
            case 6 -> body.put("steps", manySteps());
            case 7 -> body.put("payloads", List.of("x".repeat(random.nextBoolean() ? 65536 : 100)));
            case 8 -> body.put("unknown_" + random.nextInt(5), nested(1 + random.nextInt(60)));
            case 9 -> body.put("gid", pick(new String[] { "g".repeat(129), "a;b\n", "\u0000", " ", "" }));
            case 10 -> body.put("req_extra", Map.of("status", pick(new String[] { "succeed", "failed", "done" }),
                    "result", "x".repeat(random.nextBoolean() ? 2000 : 5)));
            default -> body.put("protocol", pick(new String[] { "grpc", "json-rpc", "http", "HTTP", "" }));
        }
    }

    private Request branchRequest() {
        String route = pick(BRANCH_ROUTES);
        String gid = gid();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", pick(TYPES));
        body.put("branch_id", String.format("%02d", random.nextInt(100)));
        body.put("confirm", url());
        body.put("cancel", url());
        body.put("url", url());
        body.put("op", pick(new String[] { "action", "commit", "x".repeat(50) }));
        body.put("status", pick(new String[] { "succeed", "failed", "prepared" }));
        body.put("data", random.nextInt(5) == 0 ? "x".repeat(70_000) : "{}");
        if (random.nextInt(3) == 0) {
            body.put(pick(new String[] { "gid", "trans_type", "branch_id", "confirm", "data", "op" }),
                    pick(HOSTILE_VALUES));
        }
        return post("/api/dtmsvr/" + route, route, encode(body, gid), gid, null);
    }

    private Request jsonRpc() {
        String gid = gid();
        String method = pick(new String[] { "newGid", "prepare", "submit", "abort", "registerBranch", "launch", "" });
        Map<String, Object> params = method.equals("registerBranch")
                ? new LinkedHashMap<>(
                        Map.of("gid", gid, "trans_type", "tcc", "branch_id", "01", "confirm", url(), "cancel", url()))
                : transBody(gid, pick(TYPES));
        if (random.nextBoolean()) {
            mutateTrans(params);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("jsonrpc", random.nextInt(8) == 0 ? pick(new Object[] { "1.0", 2, null }) : "2.0");
        envelope.put("id", random.nextInt(8) == 0 ? pick(new Object[] { null, "", Map.of(), List.of(1), true }) : 1);
        envelope.put("method", random.nextInt(10) == 0 ? pick(HOSTILE_VALUES) : method);
        envelope.put("params", random.nextInt(10) == 0 ? pick(HOSTILE_VALUES) : params);
        return post("/api/json-rpc", "json-rpc", encode(envelope, gid), gid, null);
    }

    private Request queryRoute() {
        String gid = gid();
        String topic = "fz-topic-" + serial;
        String[][] routes = { { "query", "gid=" + q(gid) },
                { "all", "position=" + q(number()) + "&limit=" + q(number()) + "&status=" + q(word()) + "&transType="
                        + q(word()) + "&createTimeStart=" + q(number()) + "&createTimeEnd=" + q(number()) },
                { "resetCronTime", "timeout=" + q(number()) + "&limit=" + q(number()) },
                { "subscribe",
                        "topic=" + q(random.nextInt(4) == 0 ? seededTopic : topic) + "&url=" + q(url()) + "&remark="
                                + q(word()) },
                { "unsubscribe", "topic=" + q(random.nextInt(2) == 0 ? seededTopic : topic) + "&url=" + q(url()) },
                { "scanKV", "cat=" + q(word()) + "&position=" + q(number()) + "&limit=" + q(number()) },
                { "queryKV", "cat=" + q(word()) + "&key=" + q(word()) } };
        String[] route = routes[random.nextInt(routes.length)];
        String query = route[1];
        if (random.nextInt(4) == 0) {
            query = query + "&" + pick(new String[] { "x=%zz", "gid=%", "y=%C3%28", "z=%00", "w=%E2%82", "%=%" });
        }
        String topicUsed = route[0].contains("subscribe") ? topic : null;
        return new Request(route[0], "GET", "/api/dtmsvr/" + route[0] + "?" + query, null, maybeBody(), gid, topicUsed);
    }

    private Request topicDelete() {
        String name = random.nextInt(3) == 0 ? "fz-none-" + serial
                : pick(new String[] { "%zz", "a%00b", "x".repeat(300), "%C3%28", "..", "%2F" });
        return new Request("deleteTopic", "DELETE", "/api/dtmsvr/topic/" + name, null, null, null, null);
    }

    private Request simpleRoute() {
        String[] targets = { "/api/dtmsvr/newGid", "/api/dtmsvr/version", "/api/ping", "/api/ping?x=%zz",
                "/api/dtmsvr/newGid?%=1" };
        return new Request("simple", pick(METHODS), pick(targets), pick(CONTENT_TYPES), maybeBody(), null, null);
    }

    private Request unknownRoute() {
        String[] targets = { "/api/dtmsvr/", "/api/dtmsvr", "/api/dtmsvr/nope", "/api/dtmsvr/prepare/extra",
                "/api/dtmsvr/topic/", "/api/json-rpc/x", "/api/dtmsvr/query;jsessionid=1", "/api/dtmsvr/%7e" };
        return new Request("unknown", pick(METHODS), pick(targets), pick(CONTENT_TYPES), maybeBody(), null, null);
    }

    private Request post(String target, String route, byte[] body, String gid, String topic) {
        return new Request(route, "POST", target, "application/json", body, gid, topic);
    }

    /** The JSON text of a body, sometimes broken at the byte level. */
    private byte[] encode(Object body, String gid) {
        byte[] json = TransJson.write(body).getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(20)) {
            case 0 ->
                java.util.Arrays.copyOf(json, Math.max(0, json.length - 1 - random.nextInt(Math.max(1, json.length))));
            case 1 -> withByte(json, (byte) (0x80 + random.nextInt(0x80)));
            case 2 -> concat(json, " trailing".getBytes(StandardCharsets.UTF_8));
            case 3 -> concat(new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf }, json);
            case 4 -> bigBody(gid, random.nextBoolean() ? 900 * 1024 : 1100 * 1024);
            case 5 -> ("{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.UTF_8);
            case 6 -> randomBytes();
            default -> json;
        };
    }

    private byte[] withByte(byte[] json, byte b) {
        byte[] copy = json.clone();
        if (copy.length > 2) {
            copy[1 + random.nextInt(copy.length - 2)] = b;
        }
        return copy;
    }

    private byte[] bigBody(String gid, int size) {
        String head = "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"pad\":\"";
        StringBuilder text = new StringBuilder(size).append(head);
        while (text.length() < size - 2) {
            text.append('x');
        }
        return text.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] maybeBody() {
        return random.nextInt(6) == 0 ? encode(Map.of("gid", "fz-body-" + serial), "fz-body-" + serial) : null;
    }

    private List<Map<String, String>> manySteps() {
        int count = random.nextBoolean() ? 1001 + random.nextInt(50) : random.nextInt(20);
        List<Map<String, String>> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(Map.of("action", ""));
        }
        return steps;
    }

    private Object nested(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = random.nextBoolean() ? List.of(value) : Map.of("n", value);
        }
        return value;
    }

    /** A fresh gid, unless the request targets one of the seeded transactions. */
    private String gid() {
        return random.nextInt(5) == 0 ? pick(seededGids.toArray(String[]::new))
                : "fz-" + serial + "-" + random.nextInt(1000);
    }

    private String url() {
        return pick(new String[] { "", busiUrl + "/TransOut", busiUrl + "/TransIn", "http://127.0.0.1:1/down",
                "ftp://x/y", "http://x/a b", "localhost:1/grpc.Svc/M" });
    }

    private String number() {
        return pick(new String[] { "", "0", "1", "10", "-1", "1000", "1001", "9223372036854775807",
                "99999999999999999999", "1.5", "abc", "1e3", "253402300800000" });
    }

    private String word() {
        return pick(new String[] { "", "topics", "succeed", "saga", "x".repeat(200), "é", "a\u0000b", "%" });
    }

    private static String q(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

}
