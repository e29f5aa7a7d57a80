package io.dtm.spring.autoconfigure;

import io.dtm.spring.metrics.BarrierMeters;
import io.dtm.spring.metrics.ClientTransactionMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DtmClientMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(DtmClientAutoConfiguration.class, DtmClientMetricsAutoConfiguration.class))
        .withPropertyValues("dtm.server=http://dtm:36789/api/dtmsvr");

    @Test
    void countersWithAMeterRegistry() {
        this.runner.withUserConfiguration(Registry.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(ClientTransactionMeters.class)
                .hasSingleBean(BarrierMeters.class));
    }

    @Test
    void nothingWithoutAMeterRegistryBean() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(ClientTransactionMeters.class)
            .doesNotHaveBean(BarrierMeters.class));
    }

    @Test
    void nothingWithoutMicrometer() {
        this.runner.withUserConfiguration(Registry.class)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ClientTransactionMeters.class));
    }

    @Test
    void offByProperty() {
        this.runner.withUserConfiguration(Registry.class)
            .withPropertyValues("dtm.metrics.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ClientTransactionMeters.class)
                .doesNotHaveBean(BarrierMeters.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

    }

}
