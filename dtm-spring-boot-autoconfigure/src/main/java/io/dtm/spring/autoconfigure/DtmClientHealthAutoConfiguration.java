package io.dtm.spring.autoconfigure;

import io.dtm.spring.client.DtmClient;
import io.dtm.spring.health.CoordinatorHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The health contributor {@code dtmCoordinator}: whether the coordinator answers. Not in
 * the liveness or readiness group unless the application adds it there. Off with
 * {@code management.health.dtm-coordinator.enabled=false}.
 */
@AutoConfiguration(after = DtmClientAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@ConditionalOnBean(DtmClient.class)
@ConditionalOnEnabledHealthIndicator("dtm-coordinator")
public final class DtmClientHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dtmCoordinatorHealthIndicator")
    CoordinatorHealthIndicator dtmCoordinatorHealthIndicator(DtmClient client) {
        return new CoordinatorHealthIndicator(client.http(), client::server);
    }

}
