package io.dtm.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import io.dtm.coordinator.DtmCoordinatorApplication;
import io.dtm.coordinator.admin.AdminController;
import io.dtm.coordinator.scenario.DtmApi;
import io.dtm.coordinator.scenario.HttpReply;

/**
 * The standalone coordinator, started by its main method with its own defaults on random
 * ports, serves dtm's meters on the management port's {@code /actuator/prometheus} under
 * dtm's names.
 */
@SpringBootTest(classes = DtmCoordinatorApplication.class, useMainMethod = UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:standalone;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.alert-webhook=" })
class StandalonePrometheusTests {

    private static HttpServer branches;

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private Environment environment;

    @BeforeAll
    static void startBranches() throws IOException {
        branches = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        branches.createContext("/api/busi", exchange -> {
            byte[] reply = "{\"dtm_result\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        branches.start();
    }

    @AfterAll
    static void stopBranches() {
        branches.stop(0);
    }

    @Autowired
    private ApplicationContext context;

    @Test
    void theStandaloneCoordinatorServesTheAdminAndKeepsAnH2StoreWithoutAUrlInAFile() {
        assertThat(context.getBeansOfType(AdminController.class)).hasSize(1);
        assertThat(environment.getProperty("dtm.coordinator.store.jdbc.default-h2")).isEqualTo("file");
    }

    @Test
    void theManagementServerListensOnLoopbackOnly() {
        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void aSagaShowsUpInThePrometheusScrape() {
        DtmApi dtm = new DtmApi(port);
        String gid = "prometheus-" + dtm.newGid();
        String busi = "http://127.0.0.1:" + branches.getAddress().getPort() + "/api/busi";
        Map<String, Object> saga = new LinkedHashMap<>();
        saga.put("gid", gid);
        saga.put("trans_type", "saga");
        saga.put("steps", List.of(Map.of("action", busi + "/TransOut", "compensate", busi + "/TransOutRevert"),
                Map.of("action", busi + "/TransIn", "compensate", busi + "/TransInRevert")));
        saga.put("payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
        assertThat(dtm.post("/api/dtmsvr/submit", saga).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "succeed".equals(dtm.status(gid)));

        DtmApi management = new DtmApi(managementPort);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = management.get("/actuator/prometheus").body();
            assertThat(scrape).contains("dtm_server_process_total{api=\"submit\",status=\"OK\",type=\"http\"}")
                .contains("dtm_server_response_duration_seconds_count{api=\"submit\",type=\"http\"}")
                .contains("dtm_transaction_process_total{model=\"saga\",status=\"succeed\"} 1.0")
                .contains("dtm_transaction_handled_duration_seconds_count{model=\"saga\"} 1")
                .contains("dtm_branch_process_total{branchtype=\"action\",model=\"saga\",status=\"success\"} 2.0")
                .contains("dtm_branch_call_duration_seconds_count")
                .contains("dtm_poller_claims_total")
                .contains("dtm_store_operation_seconds_count{operation=\"insertGlobal\",outcome=\"success\"}")
                .contains("dtm_transaction_handled_duration_seconds_bucket{model=\"saga\",le=\"0.5\"}")
                .contains("dtm_transaction_handled_duration_seconds_bucket{model=\"saga\",le=\"+Inf\"} 1")
                .contains(
                        "dtm_branch_call_duration_seconds_bucket{branchtype=\"action\",model=\"saga\",status=\"success\",le=\"0.1\"}")
                .contains("dtm_server_response_duration_seconds_bucket{api=\"submit\",type=\"http\",le=\"0.25\"}")
                .contains("dtm_transactions_unfinished_transactions{model=\"saga\",status=\"submitted\"}")
                .doesNotContain(gid);
        });
        HttpReply health = management.get("/actuator/health/dtmStore");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "UP");
        assertThat(management.get("/actuator/health/dtmPoller").json()).containsEntry("status", "UP");
        assertThat(dtm.get("/actuator/prometheus").status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLivenessProbeWatchesThePollerAndTheReadinessProbeTheStore() {
        DtmApi management = new DtmApi(managementPort);
        HttpReply liveness = management.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json()).containsEntry("status", "UP");
        assertThat(((Map<String, Object>) liveness.json().get("components")).keySet())
            .containsExactlyInAnyOrder("livenessState", "dtmPoller");
        HttpReply readiness = management.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(((Map<String, Object>) readiness.json().get("components")).keySet())
            .containsExactlyInAnyOrder("readinessState", "dtmStore");
    }

}
