package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.dtm.coordinator.DtmCoordinatorApplication;
import io.dtm.coordinator.api.DtmServerController;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code standalone} profile: no embedded coordinator; the transactions go to a
 * coordinator running as its own app (here its main class, started in this JVM on a free
 * port; {@code dtm.server} points at it as {@code DTM_SERVER} would).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "samples.run-on-startup=false",
                "spring.datasource.url=jdbc:h2:mem:bank-standalone;DB_CLOSE_DELAY=-1" })
@ActiveProfiles("standalone")
class StandaloneCoordinatorTests extends AbstractTransferFlowTests {

    private static ConfigurableApplicationContext coordinator;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void coordinatorUrl(DynamicPropertyRegistry registry) {
        registry.add("dtm.server", StandaloneCoordinatorTests::startCoordinator);
    }

    static synchronized String startCoordinator() {
        if (coordinator == null) {
            // its own configuration only: not the samples' application.yml
            coordinator = new SpringApplicationBuilder(DtmCoordinatorApplication.class)
                .properties("spring.config.name=dtm-standalone-coordinator-test", "server.port=0",
                        "dtm.coordinator.enabled=true", "dtm.coordinator.store.type=h2",
                        "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-standalone;DB_CLOSE_DELAY=-1",
                        "spring.datasource.url=jdbc:h2:mem:standalone-coordinator-app;DB_CLOSE_DELAY=-1",
                        "spring.main.banner-mode=off", "logging.level.root=WARN")
                .run();
        }
        return "http://localhost:" + coordinator.getEnvironment().getProperty("local.server.port") + "/api/dtmsvr";
    }

    @AfterAll
    static void stopCoordinator() {
        if (coordinator != null) {
            coordinator.close();
            coordinator = null;
        }
    }

    @Test
    void theSampleUsesTheStandaloneCoordinator() {
        assertThat(this.context.getBeanNamesForType(DtmServerController.class)).isEmpty();
        assertThat(coordinator.getBeanNamesForType(DtmServerController.class)).isNotEmpty();
        assertThat(this.dtm.server()).isEqualTo(startCoordinator());
    }

}
