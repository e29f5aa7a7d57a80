package io.dtm.spring.autoconfigure;

import io.dtm.spring.health.CoordinatorHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DtmClientHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(DtmClientAutoConfiguration.class, DtmClientHealthAutoConfiguration.class))
        .withPropertyValues("dtm.server=http://127.0.0.1:1/api/dtmsvr", "dtm.http-timeout=2s");

    @Test
    void downWhenTheCoordinatorIsUnreachable() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasBean("dtmCoordinatorHealthIndicator");
            HealthIndicator indicator = context.getBean("dtmCoordinatorHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void notInTheLivenessOrReadinessGroup() {
        this.runner
            .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
                    AvailabilityProbesAutoConfiguration.class))
            .withPropertyValues("management.endpoint.health.probes.enabled=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                assertThat(groups.get("readiness")).isNotNull();
                assertThat(groups.get("readiness").isMember("dtmCoordinator")).isFalse();
                assertThat(groups.get("liveness").isMember("dtmCoordinator")).isFalse();
                assertThat(groups.getPrimary().isMember("dtmCoordinator")).isTrue();
            });
    }

    @Test
    void offByProperty() {
        this.runner.withPropertyValues("management.health.dtm-coordinator.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CoordinatorHealthIndicator.class));
    }

    @Test
    void nothingWithoutSpringBootHealth() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CoordinatorHealthIndicator.class));
    }

}
