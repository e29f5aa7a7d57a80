package io.dtm.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.scenario.CoordinatorTestApp;
import io.dtm.coordinator.scenario.TestStores;

/**
 * The admin endpoints with authentication on: the same tokens and roles as the dtm API.
 * The UI's static files are served to anyone (they hold no data); every other route under
 * /admin stays guarded.
 */
@SpringBootTest(classes = CoordinatorTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "dtm.coordinator.enabled=true", "dtm.coordinator.admin.enabled=true",
                "dtm.coordinator.cron-enabled=false", "dtm.coordinator.alert-webhook=",
                "dtm.coordinator.auth.enabled=true", "dtm.coordinator.auth.tokens[0].token=" + AdminAuthTests.READER,
                "dtm.coordinator.auth.tokens[0].role=READ",
                "dtm.coordinator.auth.tokens[1].token=" + AdminAuthTests.OPERATOR,
                "dtm.coordinator.auth.tokens[1].role=OPERATE" })
class AdminAuthTests {

    static final String READER = "admin-reader-5d1c8e";
    static final String OPERATOR = "admin-operator-9b3f2a";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.register(registry, "adminauth");
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(TransJson.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(HttpResponse<String> reply) {
        return (String) TransJson.readObject(reply.body()).get("message");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/admin/info", "/api/admin/transactions", "/api/admin/transactions?status=failed",
            "/api/admin/stuck", "/api/admin/topics", "/api/admin/replicas", "/api/admin/transaction?gid=x" })
    void everyAdminEndpointNeedsAToken(String path) throws Exception {
        HttpResponse<String> none = send("GET", path, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dtm\"");
        assertThat(message(none)).contains("authentication required");

        HttpResponse<String> wrong = send("GET", path, "not-a-token", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(message(wrong)).isEqualTo("invalid token");
        assertThat(wrong.body()).doesNotContain("not-a-token");
    }

    @Test
    void aReadTokenReadsAndAnOperateTokenToo() throws Exception {
        for (String token : new String[] { READER, OPERATOR }) {
            HttpResponse<String> list = send("GET", "/api/admin/transactions", token, null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(TransJson.readObject(list.body())).containsKeys("transactions", "next_position");
            assertThat(send("GET", "/api/admin/info", token, null).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/api/admin/transaction?gid=nobody", token, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theActionsOfThePagesNeedOperate() throws Exception {
        HttpResponse<String> read = send("POST", "/api/dtmsvr/forceStop", READER, Map.of("gid", "nobody"));
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(message(read)).contains("OPERATE");
        assertThat(send("POST", "/api/dtmsvr/forceStop", OPERATOR, Map.of("gid", "nobody")).statusCode())
            .isEqualTo(404);
        assertThat(send("POST", "/api/admin/transactions", READER, Map.of()).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/admin/transactions", OPERATOR, Map.of()).statusCode()).isEqualTo(405);
        HttpResponse<String> readRetry = send("POST", "/api/admin/retry", READER, Map.of("gid_prefix", "nobody"));
        assertThat(readRetry.statusCode()).isEqualTo(403);
        assertThat(message(readRetry)).contains("OPERATE");
        HttpResponse<String> retry = send("POST", "/api/admin/retry", OPERATOR, Map.of("gid_prefix", "nobody"));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"matched\":0");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/admin", "/admin/", "/admin/index.html", "/admin/app.js", "/admin/admin.css" })
    void theUiFilesAreServedWithoutAToken(String path) throws Exception {
        HttpResponse<String> reply = send("GET", path, null, null);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain("dtm_result");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/admin/anything-else", "/admin/app.json", "/admin/sub/app.js", "/ADMIN/app.js" })
    void everyOtherAdminRouteStaysGuarded(String path) throws Exception {
        assertThat(send("GET", path, null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/admin/app.js", null, Map.of()).statusCode()).isEqualTo(401);
    }

}
