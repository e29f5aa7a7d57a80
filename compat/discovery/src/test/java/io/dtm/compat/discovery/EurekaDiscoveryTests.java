package io.dtm.compat.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.coordinator.discovery.LoadBalancerServiceUrlResolver;

/**
 * A real Eureka server, two instances of the service {@code bank} registered in it, and a
 * coordinator that finds them through Eureka and Spring Cloud LoadBalancer. The instance
 * that served a transaction's first phase is stopped mid-transaction; the second phase
 * (compensation, confirm) is served by the other, because the coordinator resolves
 * {@code lb://bank/...} again at every call.
 */
class EurekaDiscoveryTests {

    private static ConfigurableApplicationContext eureka;

    private static ConfigurableApplicationContext coordinator;

    private ConfigurableApplicationContext bank1;

    private ConfigurableApplicationContext bank2;

    /** What each instance served, readable after it stopped. */
    private final Map<ConfigurableApplicationContext, List<String>> served = new HashMap<>();

    @BeforeAll
    static void startRegistryAndCoordinator() {
        eureka = EurekaServer.start();
        Map<String, Object> properties = new HashMap<>(eurekaClient());
        // registers as dtm-coordinator (spring.application.name), as clients with
        // dtm.server: lb://dtm-coordinator/api/dtmsvr find it
        properties.put("eureka.instance.instance-id", "dtm-coordinator-1");
        properties.put("spring.cloud.loadbalancer.cache.enabled", "false");
        properties.put("spring.datasource.url", "jdbc:h2:mem:eureka-coordinator;DB_CLOSE_DELAY=-1");
        coordinator = CoordinatorApp.start(properties);
    }

    @AfterAll
    static void stopRegistryAndCoordinator() {
        coordinator.close();
        eureka.close();
    }

    private static Map<String, Object> eurekaClient() {
        // the Eureka server's Jersey is on this classpath; clients use Spring's
        // RestClient
        return Map.of("eureka.client.jersey.enabled", "false", "eureka.client.service-url.defaultZone",
                EurekaServer.url(eureka), "eureka.client.registry-fetch-interval-seconds", "1",
                "eureka.client.initial-instance-info-replication-interval-seconds", "1",
                "eureka.client.instance-info-replication-interval-seconds", "1", "eureka.instance.hostname",
                "127.0.0.1", "eureka.instance.prefer-ip-address", "false",
                "eureka.instance.lease-renewal-interval-in-seconds", "1");
    }

    @BeforeEach
    void startBank() {
        BankParticipant.GATE_OPEN.set(false);
        bank1 = bank("bank-1");
        bank2 = bank("bank-2");
        awaitInstances(BankParticipant.port(bank1), BankParticipant.port(bank2));
    }

    @AfterEach
    void stopBank() {
        bank1.close();
        bank2.close();
    }

    private ConfigurableApplicationContext bank(String id) {
        Map<String, Object> properties = new HashMap<>(eurekaClient());
        properties.put("eureka.instance.instance-id", id);
        ConfigurableApplicationContext bank = BankParticipant.start(id, properties);
        served.put(bank, BankParticipant.served(bank));
        return bank;
    }

    /** Until the coordinator's view of the registry is exactly these ports. */
    private static void awaitInstances(Integer... ports) {
        DiscoveryClient discovery = coordinator.getBean(DiscoveryClient.class);
        await().atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(discovery.getInstances("bank")).extracting(ServiceInstance::getPort)
                .containsExactlyInAnyOrder(ports));
    }

    @Test
    void theCoordinatorResolvesThroughTheLoadBalancer() {
        assertThat(coordinator.getBean(ServiceUrlResolver.class)).isInstanceOf(LoadBalancerServiceUrlResolver.class);
    }

    @Test
    void theCoordinatorRegistersItselfForClientsToFindByName() throws Exception {
        DiscoveryClient bankView = bank1.getBean(DiscoveryClient.class);
        await().atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(bankView.getInstances("dtm-coordinator"))
                .extracting(ServiceInstance::getPort)
                .containsExactly(Integer.parseInt(coordinator.getEnvironment().getProperty("local.server.port"))));
        ServiceInstance instance = bankView.getInstances("dtm-coordinator").get(0);
        java.net.http.HttpResponse<String> gid = java.net.http.HttpClient.newHttpClient()
            .send(java.net.http.HttpRequest.newBuilder(instance.getUri().resolve("/api/dtmsvr/newGid")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(gid.statusCode()).isEqualTo(200);
        assertThat(gid.body()).contains("\"gid\"");
    }

    @Test
    void aSagaCompensationIsServedByTheInstanceStillRunning() throws Exception {
        String gid = "eureka-saga-" + System.nanoTime();
        CoordinatorApp
            .post(coordinator, "/submit", Map.of("gid", gid, "trans_type", "saga", "retry_interval", 1, "steps",
                    List.of(Map.of("action", "lb://bank/api/transOut", "compensate", "lb://bank/api/transOutRevert"),
                            Map.of("action", "lb://bank/api/gate", "compensate", "")),
                    "payloads", List.of("{\"amount\":30}", "{}")));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> served(bank1).contains(gid + " action") || served(bank2).contains(gid + " action"));
        ConfigurableApplicationContext forward = served(bank1).contains(gid + " action") ? bank1 : bank2;
        ConfigurableApplicationContext other = (forward == bank1) ? bank2 : bank1;
        forward.close();
        awaitInstances(BankParticipant.port(other));
        BankParticipant.GATE_OPEN.set(true);

        await().atMost(Duration.ofSeconds(60)).until(() -> CoordinatorApp.status(coordinator, gid), "failed"::equals);
        assertThat(served(other)).contains(gid + " compensate");
        assertThat(served(forward)).doesNotContain(gid + " compensate");
        JsonNode branches = CoordinatorApp.query(coordinator, gid).path("branches");
        assertThat(branches.valueStream().map((b) -> b.path("url").asString()).toList())
            .allMatch((url) -> url.isEmpty() || url.startsWith("lb://bank/api/"));
        assertThat(branches.valueStream()
            .filter((b) -> b.path("url").asString().equals("lb://bank/api/transOutRevert"))
            .map((b) -> b.path("status").asString())
            .toList()).containsExactly("succeed");
    }

    @Test
    void aTccConfirmIsServedByTheInstanceStillRunning() throws Exception {
        String gid = "eureka-tcc-" + System.nanoTime();
        CoordinatorApp.post(coordinator, "/prepare", Map.of("gid", gid, "trans_type", "tcc", "retry_interval", 1));
        CoordinatorApp.post(coordinator, "/registerBranch",
                Map.of("gid", gid, "trans_type", "tcc", "branch_id", "01", "status", "prepared", "data", "{}",
                        "confirm", "lb://bank/api/confirm", "cancel", "lb://bank/api/cancel"));
        // the initiator's try, served by bank-1, which then stops
        bank1.getBean(BankParticipant.BankController.class).branch(gid, "try");
        bank1.close();
        awaitInstances(BankParticipant.port(bank2));

        CoordinatorApp.post(coordinator, "/submit", Map.of("gid", gid, "trans_type", "tcc"));
        await().atMost(Duration.ofSeconds(60)).until(() -> CoordinatorApp.status(coordinator, gid), "succeed"::equals);
        assertThat(served(bank2)).containsExactly(gid + " confirm");
        assertThat(served(bank1)).containsExactly(gid + " try");
    }

    private List<String> served(ConfigurableApplicationContext bank) {
        return served.get(bank);
    }

}
