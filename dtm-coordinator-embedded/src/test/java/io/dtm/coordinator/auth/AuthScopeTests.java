package io.dtm.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Tokens limited to gid prefixes, and who sees the values of {@code branch_headers}.
 */
@SpringBootTest(classes = CoordinatorTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "dtm.coordinator.enabled=true", "dtm.coordinator.admin.enabled=true",
                "dtm.coordinator.cron-enabled=false", "dtm.coordinator.alert-webhook=",
                "dtm.coordinator.auth.enabled=true",
                "dtm.coordinator.auth.tokens[0].token=" + AuthScopeTests.ORDERS_OPERATOR,
                "dtm.coordinator.auth.tokens[0].role=OPERATE", "dtm.coordinator.auth.tokens[0].gid-prefixes[0]=orders-",
                "dtm.coordinator.auth.tokens[1].token=" + AuthScopeTests.ORDERS_READER,
                "dtm.coordinator.auth.tokens[1].role=READ",
                "dtm.coordinator.auth.tokens[1].gid-prefixes=orders-,refunds-",
                "dtm.coordinator.auth.tokens[2].token=" + AuthScopeTests.OPERATOR,
                "dtm.coordinator.auth.tokens[2].role=OPERATE",
                "dtm.coordinator.auth.tokens[3].token=" + AuthScopeTests.READER,
                "dtm.coordinator.auth.tokens[3].role=READ" })
class AuthScopeTests {

    static final String ORDERS_OPERATOR = "orders-operator-4c1d";

    static final String ORDERS_READER = "orders-reader-8e2f";

    static final String OPERATOR = "operator-1a7b";

    static final String READER = "reader-6d3e";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.register(registry, "authscope");
    }

    private record Reply(int status, String body) {

        Map<String, Object> json() {
            return TransJson.readObject(body);
        }

        String message() {
            return String.valueOf(json().get("message"));
        }
    }

    private Reply send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(TransJson.write(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private String gid(String prefix) throws Exception {
        return prefix + send("GET", "/api/dtmsvr/newGid", OPERATOR, null).json().get("gid");
    }

    private static Map<String, Object> tcc(String gid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", "tcc");
        return body;
    }

    private static Map<String, Object> branch(String gid) {
        return Map.of("gid", gid, "trans_type", "tcc", "branch_id", "01", "confirm",
                "http://localhost:1/api/busi/TransOutConfirm", "cancel", "http://localhost:1/api/busi/TransOutRevert");
    }

    @Test
    void aScopedTokenActsOnItsOwnGidsOnly() throws Exception {
        String own = gid("orders-");
        String other = gid("billing-");
        assertThat(send("POST", "/api/dtmsvr/prepare", ORDERS_OPERATOR, tcc(own)).status()).isEqualTo(200);
        assertThat(send("POST", "/api/dtmsvr/prepare", OPERATOR, tcc(other)).status()).isEqualTo(200);

        Reply refused = send("POST", "/api/dtmsvr/prepare", ORDERS_OPERATOR, tcc(gid("billing-")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("'orders-'", "gid-prefixes");
        assertThat(send("POST", "/api/dtmsvr/abort", ORDERS_OPERATOR, tcc(other)).status()).isEqualTo(403);
        assertThat(send("POST", "/api/dtmsvr/forceStop", ORDERS_OPERATOR, Map.of("gid", other)).status())
            .isEqualTo(403);
        assertThat(send("POST", "/api/dtmsvr/submit", ORDERS_OPERATOR, tcc(other)).status()).isEqualTo(403);
        assertThat(send("POST", "/api/dtmsvr/registerBranch", ORDERS_OPERATOR, branch(other)).status()).isEqualTo(403);
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + other, ORDERS_OPERATOR, null).status()).isEqualTo(403);
        Reply rpc = send("POST", "/api/json-rpc", ORDERS_OPERATOR,
                Map.of("jsonrpc", "2.0", "id", 1, "method", "abort", "params", tcc(other)));
        assertThat(String.valueOf(rpc.json().get("error"))).contains("gid-prefixes");
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + other, READER, null).json().get("transaction")).asString()
            .contains("prepared");

        // routes that name no gid are not for a scoped token
        Reply subscribe = send("GET", "/api/dtmsvr/subscribe?topic=t&url=http://localhost:1/x&remark=r",
                ORDERS_OPERATOR, null);
        assertThat(subscribe.status()).isEqualTo(403);
        assertThat(subscribe.message()).contains("gid-prefixes");
        assertThat(send("GET", "/api/dtmsvr/resetCronTime", ORDERS_OPERATOR, null).status()).isEqualTo(403);
        assertThat(send("GET", "/api/dtmsvr/scanKV?cat=topics", ORDERS_READER, null).status()).isEqualTo(403);
        assertThat(send("GET", "/api/admin/transactions", ORDERS_READER, null).status()).isEqualTo(403);

        // its own transaction: every operation
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + own, ORDERS_OPERATOR, null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + own, ORDERS_READER, null).status()).isEqualTo(200);
        Reply registered = send("POST", "/api/dtmsvr/registerBranch", ORDERS_OPERATOR, branch(own));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(send("POST", "/api/dtmsvr/abort", ORDERS_OPERATOR, tcc(own)).status()).isEqualTo(200);
        assertThat(send("GET", "/api/dtmsvr/newGid", ORDERS_OPERATOR, null).status()).isEqualTo(200);

        // the list shows its own gids only
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) send("GET", "/api/dtmsvr/all?limit=1000",
                ORDERS_READER, null)
            .json()
            .get("transactions");
        assertThat(listed).extracting(t -> (String) t.get("gid"))
            .contains(own)
            .doesNotContain(other)
            .allMatch(g -> g.startsWith("orders-") || g.startsWith("refunds-"));
    }

    @Test
    void onlyATokenThatMayActSeesTheValuesOfBranchHeaders() throws Exception {
        String gid = gid("orders-");
        Map<String, Object> trans = tcc(gid);
        trans.put("branch_headers", Map.of("Authorization", "Bearer branch-secret-77", "X-Tenant", "acme"));
        assertThat(send("POST", "/api/dtmsvr/prepare", OPERATOR, trans).status()).isEqualTo(200);

        for (String reader : List.of(READER, ORDERS_READER)) {
            Reply query = send("GET", "/api/dtmsvr/query?gid=" + gid, reader, null);
            assertThat(query.status()).isEqualTo(200);
            assertThat(query.body()).doesNotContain("branch-secret-77", "acme")
                .contains("Authorization", "X-Tenant", "****");
            assertThat(send("GET", "/api/dtmsvr/all?limit=1000", reader, null).body())
                .doesNotContain("branch-secret-77");
        }
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + gid, OPERATOR, null).body()).contains("branch-secret-77");
        assertThat(send("GET", "/api/dtmsvr/query?gid=" + gid, ORDERS_OPERATOR, null).body())
            .contains("branch-secret-77");
    }

}
