package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import io.dtm.coordinator.model.TransJson;

import static org.awaitility.Awaitility.await;

/**
 * dtm's msg_webhook_test.go: three errors in a row fire the alert webhook with the gid.
 */
class WebhookTests extends ScenarioTestBase {

    private static final List<Map<String, Object>> ALERTS = new CopyOnWriteArrayList<>();

    private static final HttpServer HOOK = startHook();

    private static HttpServer startHook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/alert", exchange -> {
                ALERTS.add(TransJson
                    .readObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("dtm.coordinator.alert-webhook",
                () -> "http://127.0.0.1:" + HOOK.getAddress().getPort() + "/alert");
    }

    @AfterAll
    static void stopHook() {
        HOOK.stop(0);
    }

    @Test
    void threeErrorsInARowFireTheWebhook() {
        String gid = gid("msgWebhook");
        Map<String, Object> msg = trans(gid, "msg");
        msg.put("steps", List.of(Map.of("action", busiUrl() + "/TransOut")));
        msg.put("payloads", List.of("{}"));
        busi.setOnce(gid, "TransOut", "ERROR", "ERROR", "ERROR");
        submitAndWait(msg);
        cronOnce(gid);
        assertThat(ALERTS).noneMatch(a -> gid.equals(a.get("gid")));
        cronOnce(gid);
        await().until(() -> ALERTS.stream().anyMatch(a -> gid.equals(a.get("gid"))));
        Map<String, Object> alert = ALERTS.stream().filter(a -> gid.equals(a.get("gid"))).findFirst().orElseThrow();
        assertThat(alert).containsEntry("status", "submitted")
            .containsEntry("retry_count", 3)
            .containsEntry("branch", busiUrl() + "/TransOut");
        assertThat((String) alert.get("error")).contains("500");
        cronOnce(gid, java.time.Duration.ofSeconds(600));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
    }

}
