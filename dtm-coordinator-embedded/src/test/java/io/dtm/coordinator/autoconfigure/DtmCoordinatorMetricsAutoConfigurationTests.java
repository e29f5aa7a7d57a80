package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.dtm.coordinator.metrics.BranchCallMeters;
import io.dtm.coordinator.metrics.MeteredTransStore;
import io.dtm.coordinator.engine.Coordinator;
import io.dtm.coordinator.metrics.PollerMeters;
import io.dtm.coordinator.metrics.TransactionMeters;
import io.dtm.coordinator.store.TransStore;

class DtmCoordinatorMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorEngineAutoConfiguration.class,
                DtmCoordinatorMetricsAutoConfiguration.class))
        .withUserConfiguration(MockStore.class)
        .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false");

    @Test
    void metersAndAMeteredStoreWithAMeterRegistry() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(TransactionMeters.class)
                .hasSingleBean(BranchCallMeters.class)
                .hasSingleBean(PollerMeters.class);
            TransStore engineStore = context.getBean(Coordinator.class).store();
            assertThat(engineStore).isInstanceOf(MeteredTransStore.class);
            assertThat(((MeteredTransStore) engineStore).delegate()).isSameAs(MockStore.STORE);
            assertThat(context.getBean(TransStore.class)).isSameAs(MockStore.STORE);
        });
    }

    @Test
    void nothingWithoutAMeterRegistryBean() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(TransactionMeters.class);
            assertThat(context.getBean(Coordinator.class).store()).isSameAs(MockStore.STORE);
        });
    }

    @Test
    void nothingWithoutMicrometer() {
        runner.withUserConfiguration(Registry.class)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(TransactionMeters.class)
                .doesNotHaveBean(BranchCallMeters.class));
    }

    @Test
    void offByProperty() {
        runner.withUserConfiguration(Registry.class)
            .withPropertyValues("dtm.coordinator.metrics.enabled=false")
            .run(context -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean(TransactionMeters.class)
                    .doesNotHaveBean(PollerMeters.class);
                assertThat(context.getBean(Coordinator.class).store()).isSameAs(MockStore.STORE);
            });
    }

    @Test
    void offWithTheCoordinator() {
        runner.withUserConfiguration(Registry.class)
            .withPropertyValues("dtm.coordinator.enabled=false")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TransactionMeters.class));
    }

    @Test
    void backsOffForTheApplicationsMeters() {
        runner.withUserConfiguration(Registry.class, UserMeters.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TransactionMeters.class);
            assertThat(context.getBean(TransactionMeters.class)).isSameAs(UserMeters.METERS);
        });
    }

    @Test
    void theApiFilterOnlyInAServletApplication() {
        runner.withUserConfiguration(Registry.class)
            .run(context -> assertThat(context).doesNotHaveBean("dtmApiMetricsFilter"));
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DtmCoordinatorEngineAutoConfiguration.class,
                    DtmCoordinatorMetricsAutoConfiguration.class))
            .withUserConfiguration(MockStore.class, Registry.class)
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false")
            .run(context -> assertThat(context).hasNotFailed().hasBean("dtmApiMetricsFilter"));
    }

    @Configuration(proxyBeanMethods = false)
    static class MockStore {

        static final TransStore STORE = mock(TransStore.class);

        @Bean
        TransStore transStore() {
            return STORE;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserMeters {

        static final TransactionMeters METERS = new TransactionMeters(new SimpleMeterRegistry());

        @Bean
        TransactionMeters myTransactionMeters() {
            return METERS;
        }

    }

}
