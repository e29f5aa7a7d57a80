package io.dtm.compat.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.coordinator.discovery.DiscoveryClientServiceUrlResolver;

/**
 * The static case, as in Kubernetes without a registry: the coordinator knows the
 * instances of {@code bank} from {@code spring.cloud.discovery.client.simple.instances}
 * and no LoadBalancer. An instance that stopped stays listed; the call to it fails, is
 * retried, and the retry reaches the other instance.
 */
class SimpleDiscoveryTests {

    private static final Map<String, Object> NO_REGISTRY = Map.of("eureka.client.enabled", "false");

    private static ConfigurableApplicationContext bank1;

    private static ConfigurableApplicationContext bank2;

    private static ConfigurableApplicationContext coordinator;

    private static List<String> served1;

    private static List<String> served2;

    /**
     * Once for the class: only the confirm test stops an instance, and the others need
     * none.
     */
    @BeforeAll
    static void start() {
        bank1 = BankParticipant.start("bank-1", NO_REGISTRY);
        bank2 = BankParticipant.start("bank-2", NO_REGISTRY);
        served1 = BankParticipant.served(bank1);
        served2 = BankParticipant.served(bank2);
        coordinator = CoordinatorApp.start(Map.of("eureka.client.enabled", "false", "spring.cloud.loadbalancer.enabled",
                "false", "spring.datasource.url", "jdbc:h2:mem:simple-coordinator;DB_CLOSE_DELAY=-1",
                "spring.cloud.discovery.client.simple.instances.bank[0].uri",
                "http://127.0.0.1:" + BankParticipant.port(bank1),
                "spring.cloud.discovery.client.simple.instances.bank[1].uri",
                "http://127.0.0.1:" + BankParticipant.port(bank2)));
    }

    @AfterAll
    static void stop() {
        coordinator.close();
        bank1.close();
        bank2.close();
    }

    @Test
    void theCoordinatorResolvesThroughTheDiscoveryClient() {
        assertThat(coordinator.getBean(ServiceUrlResolver.class)).isInstanceOf(DiscoveryClientServiceUrlResolver.class);
    }

    @Test
    void aConfirmWhoseInstanceStoppedIsRetriedOnTheOther() throws Exception {
        String gid = "simple-tcc-" + System.nanoTime();
        CoordinatorApp.post(coordinator, "/prepare", Map.of("gid", gid, "trans_type", "tcc", "retry_interval", 1));
        CoordinatorApp.post(coordinator, "/registerBranch",
                Map.of("gid", gid, "trans_type", "tcc", "branch_id", "01", "status", "prepared", "data", "{}",
                        "confirm", "lb://bank/api/confirm", "cancel", "lb://bank/api/cancel"));
        bank1.getBean(BankParticipant.BankController.class).branch(gid, "try");
        bank1.close();

        CoordinatorApp.post(coordinator, "/submit", Map.of("gid", gid, "trans_type", "tcc"));
        await().atMost(Duration.ofSeconds(60)).until(() -> CoordinatorApp.status(coordinator, gid), "succeed"::equals);
        assertThat(served2).containsExactly(gid + " confirm");
        assertThat(served1).containsExactly(gid + " try");
        assertThat(CoordinatorApp.query(coordinator, gid)
            .path("branches")
            .valueStream()
            .filter((b) -> b.path("op").asString().equals("confirm"))
            .map((b) -> b.path("url").asString() + " " + b.path("status").asString())
            .toList()).containsExactly("lb://bank/api/confirm succeed");
    }

    @Test
    void aServiceUrlOfAnUnknownSchemeIsRefusedNamingTheField() throws Exception {
        String gid = "simple-refused-" + System.nanoTime();
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
            .isThrownBy(() -> CoordinatorApp.post(coordinator, "/submit",
                    Map.of("gid", gid, "trans_type", "saga", "steps",
                            List.of(Map.of("action", "consul://bank/api/transOut", "compensate", "")), "payloads",
                            List.of("{}"))))
            .withMessageContaining("answered 400")
            .withMessageContaining("steps[0].action");
    }

}
