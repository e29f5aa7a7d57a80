package io.dtm.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.scenario.CoordinatorTestApp;
import io.dtm.coordinator.scenario.TestStores;

/**
 * The embedded coordinator with authentication on, over real HTTP: the dtm API and
 * JSON-RPC.
 */
@SpringBootTest(classes = CoordinatorTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false",
                "dtm.coordinator.alert-webhook=", "dtm.coordinator.auth.enabled=true",
                "dtm.coordinator.auth.tokens[0].token=" + AuthApiTests.READER,
                "dtm.coordinator.auth.tokens[0].role=READ",
                "dtm.coordinator.auth.tokens[1].token=" + AuthApiTests.OPERATOR,
                "dtm.coordinator.auth.tokens[1].role=OPERATE",
                "dtm.coordinator.auth.tokens[2].token-sha256=" + AuthApiTests.NEXT_OPERATOR_SHA256,
                "dtm.coordinator.auth.tokens[2].role=OPERATE" })
class AuthApiTests {

    static final String READER = "reader-7f3a9c1e5b";
    static final String OPERATOR = "operator-2d8e4b6a0c";

    /** The token that replaces OPERATOR, configured by its digest only. */
    static final String NEXT_OPERATOR = "operator-next-91c5e7";
    static final String NEXT_OPERATOR_SHA256 = "93d59a9c9b071eb9309a23751ff7055887b2b81594321d9901677c97a7d829a2";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.register(registry, "auth");
    }

    private record Reply(int status, String body, String challenge) {

        Map<String, Object> json() {
            return TransJson.readObject(body);
        }
    }

    private Reply send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(TransJson.write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(),
                response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    private String newGid(String token) throws Exception {
        Reply reply = send("GET", "/api/dtmsvr/newGid", token, null);
        assertThat(reply.status()).isEqualTo(200);
        return (String) reply.json().get("gid");
    }

    private Map<String, Object> saga(String gid) {
        String busi = "http://localhost:" + port + "/api/busi";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", "saga");
        body.put("wait_result", true);
        body.put("steps", List.of(Map.of("action", busi + "/TransOut", "compensate", busi + "/TransOutRevert"),
                Map.of("action", busi + "/TransIn", "compensate", busi + "/TransInRevert")));
        body.put("payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
        return body;
    }

    private static Map<String, Object> rpc(String method, Object params) {
        return Map.of("jsonrpc", "2.0", "id", "1", "method", method, "params", params);
    }

    @Test
    void theDigestInTheTestMatchesItsToken() {
        assertThat(HexFormat.of().formatHex(ApiTokens.sha256(NEXT_OPERATOR))).isEqualTo(NEXT_OPERATOR_SHA256);
    }

    @Test
    void pingStaysOpen() throws Exception {
        assertThat(send("GET", "/api/ping", null, null).status()).isEqualTo(200);
    }

    @Test
    void noTokenOrAWrongOneIs401WithDtmsMessage() throws Exception {
        Reply none = send("GET", "/api/dtmsvr/newGid", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.challenge()).startsWith("Bearer");
        assertThat(none.json()).containsKey("message");
        Reply wrong = send("POST", "/api/dtmsvr/submit", "guess", saga("auth-wrong"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.challenge()).contains("invalid_token");
        // nothing was stored
        assertThat(send("GET", "/api/dtmsvr/query?gid=auth-wrong", READER, null).json().get("transaction")).isNull();
    }

    @Test
    void readQueriesButCannotChangeAnything() throws Exception {
        String gid = newGid(READER);
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + gid, READER, null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/dtmsvr/all?limit=5", READER, null).status()).isEqualTo(200);
        Reply submit = send("POST", "/api/dtmsvr/submit", READER, saga(gid));
        assertThat(submit.status()).isEqualTo(403);
        assertThat((String) submit.json().get("message")).contains("OPERATE");
        assertThat(send("POST", "/api/dtmsvr/forceStop", READER, Map.of("gid", gid)).status()).isEqualTo(403);
        assertThat(send("GET", "/api/dtmsvr/subscribe?topic=t&url=http://x&remark=r", READER, null).status())
            .isEqualTo(403);
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + gid, READER, null).json().get("transaction")).isNull();
    }

    @Test
    void operateRunsASagaAndEitherTokenOfARotationWorks() throws Exception {
        String gid = newGid(OPERATOR);
        Reply submit = send("POST", "/api/dtmsvr/submit", OPERATOR, saga(gid));
        assertThat(submit.status()).as(submit.body()).isEqualTo(200);
        assertThat(status(gid, NEXT_OPERATOR)).isEqualTo("succeed");

        String next = newGid(NEXT_OPERATOR);
        assertThat(send("POST", "/api/dtmsvr/submit", NEXT_OPERATOR, saga(next)).status()).isEqualTo(200);
        assertThat(status(next, READER)).isEqualTo("succeed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonRpcMethodsNeedTheirRole() throws Exception {
        Reply gidReply = send("POST", "/api/json-rpc", READER, rpc("newGid", Map.of()));
        assertThat(gidReply.status()).isEqualTo(200);
        String gid = (String) ((Map<String, Object>) gidReply.json().get("result")).get("gid");
        assertThat(gid).hasSize(22);

        assertThat(send("POST", "/api/json-rpc", null, rpc("newGid", Map.of())).status()).isEqualTo(401);
        assertThat(send("POST", "/api/json-rpc", READER, rpc("submit", saga(gid))).status()).isEqualTo(403);
        assertThat(status(gid, READER)).isNull();

        Reply submit = send("POST", "/api/json-rpc", OPERATOR, rpc("submit", saga(gid)));
        assertThat(submit.status()).isEqualTo(200);
        assertThat(submit.json().get("error")).as(submit.body()).isNull();
        assertThat(status(gid, READER)).isEqualTo("succeed");
    }

    /**
     * A client that announces a large body and sends none is answered 401 at once: its
     * body is never waited for nor buffered (it would be held until the body read
     * timeout, 10 s, otherwise).
     */
    @Test
    void anUnauthenticatedBodyIsRefusedBeforeItIsReceived() throws Exception {
        for (String path : List.of("/api/dtmsvr/submit", "/api/json-rpc")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream()
                    .write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000000\r\n\r\n{")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.ISO_8859_1))
                    .readLine();
                assertThat(statusLine).as(path).startsWith("HTTP/1.1 401");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private String status(String gid, String token) throws Exception {
        Map<String, Object> t = (Map<String, Object>) send("GET", "/api/dtmsvr/query?gid=" + gid, token, null).json()
            .get("transaction");
        return t == null ? null : (String) t.get("status");
    }

}
