package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict API (docs/security.md): JSON types as dtm's Go decoder takes them, bounded
 * durations, custom_data checked per mode, size caps, and error replies in dtm's
 * {@code {"message"}} shape that name the field and the rule and carry no Java or SQL
 * text. Every refused request leaves nothing stored.
 */
class StrictApiTests extends ScenarioTestBase {

    private HttpReply assertRefused(String path, Object body, int status, String... messageParts) {
        HttpReply reply = dtm.post(path, body);
        assertRefusedReply(reply, status, messageParts);
        return reply;
    }

    private static void assertRefusedReply(HttpReply reply, int status, String... messageParts) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.json()).as("%s", reply).containsOnlyKeys("message");
        assertThat((String) reply.json().get("message")).as("%s", reply).contains(messageParts);
        assertClean(reply);
    }

    static void assertClean(HttpReply reply) {
        assertThat(reply.body()).as("%s", reply)
            .doesNotContain("java.", "Exception", "springframework", "jackson", "\tat ", "SQL", "Caused by");
    }

    private Map<String, Object> sagaWith(String gid, String field, Object value) {
        Map<String, Object> body = saga(gid);
        body.put(field, value);
        return body;
    }

    // --- no coercion between JSON types (Go's encoding/json) ---

    @Test
    void scalarsAreNotCoerced() {
        String gid = gid("strictTypes");
        assertRefused("/api/dtmsvr/submit", Map.of("gid", true, "trans_type", "saga"), 400, "'gid'", "a string",
                "a boolean");
        assertRefused("/api/dtmsvr/submit", Map.of("gid", 12, "trans_type", "saga"), 400, "'gid'", "a number");
        assertRefused("/api/dtmsvr/submit", Map.of("gid", gid, "trans_type", List.of("saga")), 400, "'trans_type'");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "timeout_to_fail", "60"), 400, "'timeout_to_fail'",
                "an integer", "a string");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "retry_interval", 1.5), 400, "'retry_interval'",
                "an integer");
        assertRefused("/api/dtmsvr/submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"request_timeout\":1e2}",
                400, "'request_timeout'", "an integer");
        assertRefused("/api/dtmsvr/submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"retry_limit\":1.0}",
                400, "'retry_limit'");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "wait_result", "true"), 400, "'wait_result'",
                "true or false");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "wait_result", 1), 400, "'wait_result'");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "payloads", List.of(1, 2)), 400, "'payloads[0]'");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", Map.of("concurrent", true)), 400,
                "'custom_data'", "a string");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "branch_headers", Map.of("h", 1)), 400, "'branch_headers.h'");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "steps", List.of(Map.of("action", 5))), 400,
                "'steps[0].action'");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "timeout_to_fail", new java.math.BigInteger("9".repeat(30))),
                400, "'timeout_to_fail'", "out of range");
        assertThat(dtm.transaction(gid)).isNull();
    }

    @Test
    void nullsAreAbsentAndUnknownFieldsIgnored() {
        String gid = gid("strictNulls");
        String json = "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\",\"timeout_to_fail\":null,\"wait_result\":null,"
                + "\"branch_headers\":null,\"extra\":{\"deep\":[1,2,{\"x\":true}]},\"Retry_Interval\":30}";
        HttpReply reply = dtm.post("/api/dtmsvr/prepare", json);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(dtm.transaction(gid)).containsEntry("status", "prepared");
    }

    @Test
    void malformedBodies() {
        assertRefused("/api/dtmsvr/prepare", "[]", 400, "must be a JSON object");
        assertRefused("/api/dtmsvr/prepare", "null", 400, "null");
        assertRefused("/api/dtmsvr/prepare", "{\"gid\":\"x\"} trailing", 400, "malformed JSON");
        assertRefused("/api/dtmsvr/prepare", "{\"gid\":\"x\",}", 400, "malformed JSON");
        assertRefused("/api/dtmsvr/prepare", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400,
                "malformed JSON");
        assertRefused("/api/dtmsvr/prepare", "{\"gid\":\"\\ud800\",\"trans_type\":\"tcc\"}", 400, "'gid'", "surrogate");
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        byte[] body = "{\"gid\":\"bad-\u00e9\",\"trans_type\":\"tcc\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body[13] = (byte) 0xff;
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dtmsvr/prepare"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertRefusedReply(new HttpReply(response.statusCode(), response.body()), 400, "not valid UTF-8");
    }

    // --- ranges ---

    @ParameterizedTest
    @ValueSource(strings = { "timeout_to_fail", "request_timeout", "retry_interval", "retry_limit", "retry_count" })
    void durationsAndCountsAreBounded(String field) {
        String gid = gid("strictRange");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, field, -1), 400, field, "between 0 and");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, field, Long.MAX_VALUE), 400, field, "between 0 and");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, field, 2_147_483_648L), 400, field);
        assertThat(dtm.transaction(gid)).isNull();
    }

    @Test
    void theMaximaAreAccepted() {
        String gid = gid("strictMax");
        Map<String, Object> body = trans(gid, "tcc");
        body.put("timeout_to_fail", 315_360_000L);
        body.put("retry_interval", 604_800L);
        body.put("request_timeout", 300L);
        assertThat(dtm.post("/api/dtmsvr/prepare", body).status()).isEqualTo(200);
        body.put("gid", gid + "-over");
        body.put("request_timeout", 301L);
        assertRefused("/api/dtmsvr/prepare", body, 400, "request_timeout", "between 0 and 300");
        assertThat(dtm.transaction(gid)).containsEntry("next_cron_interval", 604_800);
        // finished, so that resetCronTime scenarios sharing this store do not count it
        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", gid)).status()).isEqualTo(200);
    }

    @Test
    void queryParametersAreBounded() {
        assertRefusedReply(dtm.get("/api/dtmsvr/resetCronTime?timeout=-5"), 400, "timeout");
        assertRefusedReply(dtm.get("/api/dtmsvr/resetCronTime?timeout=9223372036854775807"), 400, "timeout");
        assertRefusedReply(dtm.get("/api/dtmsvr/all?createTimeStart=9223372036854775807"), 400, "createTimeStart");
        assertRefusedReply(dtm.get("/api/dtmsvr/all?position=99999999999999999999"), 400, "position");
        assertRefusedReply(dtm.get("/api/dtmsvr/query?gid=a%00b"), 400, "gid", "NUL");
        assertRefusedReply(dtm.get("/api/dtmsvr/query?gid=" + "g".repeat(200)), 400, "gid");
    }

    // --- custom_data per mode ---

    @Test
    void sagaCustomData() {
        String gid = gid("strictSagaCustom");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"concurrent\":\"yes\"}"), 400,
                "custom_data.concurrent", "true or false");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"orders\":[1]}"), 400, "custom_data.orders",
                "must be an object");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"orders\":{\"x\":[0]}}"), 400,
                "custom_data.orders.x", "step index");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"orders\":{\"1\":[1]}}"), 400,
                "cannot wait for itself");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"orders\":{\"1\":[2]}}"), 400,
                "step 2, which does not exist");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"orders\":{\"1\":[0.5]}}"), 400,
                "integer step indexes");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"orders\":{\"1\":null}}"), 400,
                "must be an array");
        assertRefused("/api/dtmsvr/submit",
                sagaWith(gid, "custom_data", "{\"concurrent\":true,\"orders\":{\"0\":[1],\"1\":[0]}}"), 400, "cycle");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "{\"Concurrent\":true}"), 400,
                "write it as 'concurrent'");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "custom_data", "[1]"), 400, "custom_data", "JSON object");
        assertThat(dtm.transaction(gid)).isNull();
        assertThat(busi.calls(gid)).isEmpty();
    }

    @Test
    void msgCustomData() {
        String gid = gid("strictMsgCustom");
        Map<String, Object> msg = trans(gid, "msg");
        msg.put("steps", List.of(Map.of("action", busiUrl() + "/TransIn")));
        msg.put("payloads", List.of("{}"));
        for (String custom : List.of("{\"delay\":\"10\"}", "{\"delay\":-1}", "{\"delay\":1.5}",
                "{\"delay\":99999999999999999999}", "{\"delay\":315360001}")) {
            msg.put("custom_data", custom);
            assertRefused("/api/dtmsvr/prepare", msg, 400, "custom_data.delay");
        }
        assertThat(dtm.transaction(gid)).isNull();
    }

    @Test
    void workflowCustomData() {
        String gid = gid("strictWfCustom");
        Map<String, Object> wf = trans(gid, "workflow");
        wf.put("custom_data", "{\"name\":7}");
        assertRefused("/api/dtmsvr/prepareWorkflow", wf, 400, "custom_data.name");
        wf.put("custom_data", "{\"name\":\"wf\",\"data\":\"not base64!\"}");
        assertRefused("/api/dtmsvr/prepareWorkflow", wf, 400, "custom_data.data", "base64");
        assertThat(dtm.transaction(gid)).isNull();
    }

    @Test
    void urlsAndHeadersMustBeCallable() {
        String gid = gid("strictUrls");
        Map<String, Object> badUrl = saga(gid);
        badUrl.put("steps", List.of(Map.of("action", "localhost:58081/busi.Busi/TransIn"), step("TransIn", null)));
        assertRefused("/api/dtmsvr/submit", badUrl, 400, "steps[0].action", "http or https");
        badUrl.put("steps", List.of(Map.of("action", "http://x/a b"), step("TransIn", null)));
        assertRefused("/api/dtmsvr/submit", badUrl, 400, "steps[0].action", "not a valid URL");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "branch_headers", Map.of("bad name", "v")), 400,
                "branch_headers", "header name");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "branch_headers", Map.of("X-A", "v\r\nX-B: 1")), 400,
                "branch_headers.X-A", "control character");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "branch_headers", Map.of("Content-Length", "1")), 400,
                "Content-Length");
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "rollback_reason", "a\u0000b"), 400, "rollback_reason",
                "NUL");
        Map<String, Object> jsonRpc = saga(gid);
        jsonRpc.put("protocol", "json-rpc");
        jsonRpc.put("payloads", List.of("not json", "{}"));
        assertRefused("/api/dtmsvr/submit", jsonRpc, 400, "payloads[0]", "JSON object");
        assertThat(dtm.transaction(gid)).isNull();
    }

    // --- caps ---

    @Test
    void bodySizeIsCapped() {
        String gid = gid("strictBig");
        Map<String, Object> body = saga(gid);
        body.put("padding", "x".repeat(1024 * 1024));
        assertRefused("/api/dtmsvr/submit", body, 413, "larger than 1048576 bytes", "max-body-size");
        assertThat(dtm.transaction(gid)).isNull();
        assertThat(dtm.get("/api/ping").status()).isEqualTo(200);
    }

    @Test
    void aClientExpecting100ContinueIsServed() throws Exception {
        String gid = gid("strictContinue");
        Map<String, Object> body = saga(gid);
        body.put("padding", "x".repeat(4096));
        HttpResponse<String> response = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dtmsvr/prepare"))
                .expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(io.dtm.coordinator.model.TransJson.write(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(dtm.status(gid)).isEqualTo("prepared");
    }

    @Test
    void stepsAndPayloadsAreCapped() {
        String gid = gid("strictSteps");
        List<Map<String, String>> steps = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            steps.add(Map.of("action", ""));
        }
        assertRefused("/api/dtmsvr/submit", sagaWith(gid, "steps", steps), 400, "steps has 1001 entries", "max-steps");
        Map<String, Object> big = saga(gid);
        big.put("payloads", List.of("x".repeat(65536), "{}"));
        assertRefused("/api/dtmsvr/submit", big, 400, "payloads[0] is 65536 bytes", "max-step-payload-size");
        assertThat(dtm.transaction(gid)).isNull();
    }

    @Test
    void thousandStepsAreAccepted() {
        String gid = gid("strictThousand");
        List<Map<String, String>> steps = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            steps.add(Map.of("action", "", "compensate", ""));
        }
        Map<String, Object> body = trans(gid, "saga");
        body.put("steps", steps);
        assertThat(dtm.post("/api/dtmsvr/prepare", body).status()).isEqualTo(200);
        assertThat(dtm.branches(gid)).hasSize(2000);
    }

    // --- registerBranch ---

    @Test
    void registerBranchChecksTheStoredTransType() {
        String gid = gid("strictRegister");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        Map<String, Object> xa = new LinkedHashMap<>(
                Map.of("gid", gid, "trans_type", "xa", "branch_id", "01", "url", busiUrl() + "/XaNotify"));
        assertRefused("/api/dtmsvr/registerBranch", xa, 400, "trans_type 'xa' does not match", "tcc transaction");
        Map<String, Object> workflow = Map.of("gid", gid, "trans_type", "workflow", "branch_id", "01", "op", "action",
                "status", "succeed");
        assertRefused("/api/dtmsvr/registerBranch", workflow, 400, "trans_type 'workflow'");
        assertRefused("/api/dtmsvr/registerBranch",
                Map.of("gid", gid, "trans_type", "tcc", "branch_id", "01", "confirm", "http://c", "cancel", "ftp://c"),
                400, "cancel", "http or https");
        assertThat(dtm.branches(gid)).isEmpty();
    }

    // --- JSON-RPC: same rules, clean messages ---

    @Test
    @SuppressWarnings("unchecked")
    void jsonRpcAppliesTheSameRules() {
        String gid = gid("strictRpc");
        Map<String, Object> params = sagaWith(gid, "timeout_to_fail", "60");
        HttpReply reply = dtm.post("/api/json-rpc",
                Map.of("jsonrpc", "2.0", "id", 1, "method", "submit", "params", params));
        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> error = (Map<String, Object>) reply.json().get("error");
        assertThat(error).containsEntry("code", -32603);
        assertThat((String) error.get("message")).contains("'timeout_to_fail'", "an integer");
        assertClean(reply);
        HttpReply big = dtm.post("/api/json-rpc", Map.of("jsonrpc", "2.0", "id", 1, "method", "submit", "params",
                sagaWith(gid, "retry_interval", 9_999_999_999L)));
        assertThat((String) ((Map<String, Object>) big.json().get("error")).get("message")).contains("retry_interval");
        assertClean(big);
        HttpReply badId = dtm.post("/api/json-rpc", Map.of("jsonrpc", "2.0", "id", Map.of(), "method", "newGid"));
        assertThat(((Map<String, Object>) badId.json().get("error"))).containsEntry("code", -32600);
        assertThat(dtm.transaction(gid)).isNull();
    }

    // --- routes, methods, media types, query strings ---

    @Test
    void unknownRoutesAndWrongMethodsAnswerInDtmShape() {
        assertRefusedReply(dtm.get("/api/dtmsvr/nosuchroute"), 404, "no such route");
        assertRefusedReply(dtm.post("/api/dtmsvr/nosuchroute", "{}"), 404, "no such route");
        assertRefusedReply(dtm.get("/api/dtmsvr/prepare"), 405, "method GET is not allowed", "use POST");
        assertRefusedReply(dtm.delete("/api/dtmsvr/newGid"), 405, "method DELETE");
        assertRefusedReply(dtm.get("/api/json-rpc"), 405, "use POST");
    }

    @Test
    void badQueryStringsAnswer400() {
        RawHttp raw = new RawHttp(port);
        assertRefusedReply(raw.send("GET", "/api/dtmsvr/query?gid=%zz", null, null), 400, "bad percent-encoding '%zz'");
        assertRefusedReply(raw.send("GET", "/api/dtmsvr/all?status=%", null, null), 400, "bad percent-encoding");
        assertRefusedReply(raw.send("GET", "/api/dtmsvr/query?gid=%C3%28", null, null), 400, "UTF-8");
        assertRefusedReply(raw.send("POST", "/api/dtmsvr/submit?x=%G1", "application/json", "{}".getBytes()), 400,
                "percent-encoding");
        assertRefusedReply(raw.send("GET", "/api/ping?x=%", null, null), 400, "percent-encoding");
    }

    @Test
    void aFormBodyToAnUnknownRouteBelowAnEndpointIsRefusedLikeAnyOther() {
        // a form body that is not percent-encoding: read by the coordinator's filter, not
        // by the container's form parser
        byte[] body = { 'a', '=', '%', (byte) 0xff, '&', '%', 'z' };
        for (String path : new String[] { "/api/json-rpc/x", "/api/ping/x", "/api/dtmsvr/x" }) {
            HttpReply reply = new RawHttp(port).send("PATCH", path, "application/x-www-form-urlencoded", body);
            assertThat(reply.status()).as("%s: %s", path, reply).isBetween(400, 499);
            assertClean(reply);
        }
    }

    @Test
    void anyMethodNameGetsADtmReply() {
        RawHttp raw = new RawHttp(port);
        assertRefusedReply(raw.send("FOO", "/api/dtmsvr/prepare", null, null), 405, "method FOO");
        assertRefusedReply(raw.send("PATCH", "/api/dtmsvr/query", null, null), 405, "use GET");
        assertThat(raw.send("FOO", "/api/ping", null, null).status()).isEqualTo(200);
    }

    @Test
    void bodiesOtherThanJsonAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> multipart = http
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dtmsvr/prepare"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertRefusedReply(new HttpReply(multipart.statusCode(), multipart.body()), 415, "application/json");
        String gid = gid("strictForm");
        HttpResponse<String> form = http
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dtmsvr/prepare"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        // a form type is what a web page may post to another site without asking
        assertRefusedReply(new HttpReply(form.statusCode(), form.body()), 415, "application/json");
        assertThat(dtm.status(gid)).isNull();
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        HttpResponse<String> html = http
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dtmsvr/query?gid=" + gid))
                .header("Accept", "text/html")
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("\"status\":\"prepared\"");
    }

}
