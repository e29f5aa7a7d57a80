package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.dtm.coordinator.health.PollerHealthIndicator;
import io.dtm.coordinator.health.PollerLivenessPublisher;
import io.dtm.coordinator.health.StoreHealthIndicator;
import io.dtm.coordinator.store.TransStore;

class DtmCoordinatorHealthAutoConfigurationTests {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                DtmCoordinatorStoreAutoConfiguration.class, DtmCoordinatorEngineAutoConfiguration.class,
                DtmCoordinatorHealthAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:health"
                + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");

    @Test
    void theStoreIsUpWhenItAnswers() {
        runner.withPropertyValues("dtm.coordinator.cron-enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasBean("dtmStoreHealthIndicator").hasBean("dtmPollerHealthIndicator");
            HealthIndicator store = context.getBean("dtmStoreHealthIndicator", HealthIndicator.class);
            assertThat(store.health().getStatus()).isEqualTo(Status.UP);
            assertThat(store.health().getDetails()).containsEntry("type", "h2");
        });
    }

    @Test
    void theStoreIsDownWhenItDoesNotAnswer() {
        runner.withUserConfiguration(BrokenStore.class)
            .withPropertyValues("dtm.coordinator.cron-enabled=false")
            .run(context -> {
                StoreHealthIndicator store = context.getBean(StoreHealthIndicator.class);
                assertThat(store.health().getStatus()).isEqualTo(Status.DOWN);
                assertThat(store.health().getDetails()).containsKey("error");
            });
    }

    @Test
    void thePollerIsUnknownWhenTurnedOff() {
        runner.withPropertyValues("dtm.coordinator.cron-enabled=false")
            .run(context -> assertThat(context.getBean(PollerHealthIndicator.class).health().getStatus())
                .isEqualTo(Status.UNKNOWN));
    }

    @Test
    void aRunningPollerIsUp() {
        runner.withPropertyValues("dtm.coordinator.cron-interval=1s").run(context -> {
            PollerHealthIndicator poller = context.getBean(PollerHealthIndicator.class);
            assertThat(poller.health().getStatus()).isEqualTo(Status.UP);
            assertThat(poller.health().getDetails()).containsEntry("running", true).containsEntry("loopAlive", true);
            assertThat(context).hasSingleBean(PollerLivenessPublisher.class);
        });
    }

    @Test
    void eachContributorCanBeTurnedOff() {
        runner.withPropertyValues("dtm.coordinator.cron-enabled=false", "management.health.dtm-store.enabled=false")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("dtmStoreHealthIndicator")
                .hasBean("dtmPollerHealthIndicator"));
        runner.withPropertyValues("dtm.coordinator.cron-enabled=false", "management.health.dtm-poller.enabled=false")
            .run(context -> assertThat(context).hasNotFailed()
                .hasBean("dtmStoreHealthIndicator")
                .doesNotHaveBean("dtmPollerHealthIndicator"));
    }

    @Test
    void nothingWithoutSpringBootHealth() {
        runner.withPropertyValues("dtm.coordinator.cron-enabled=false")
            .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("dtmStoreHealthIndicator")
                .doesNotHaveBean("dtmPollerHealthIndicator"));
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenStore {

        @Bean
        TransStore brokenStore() {
            TransStore store = mock(TransStore.class);
            doThrow(new IllegalStateException("connection refused")).when(store).ping();
            return store;
        }

    }

}
