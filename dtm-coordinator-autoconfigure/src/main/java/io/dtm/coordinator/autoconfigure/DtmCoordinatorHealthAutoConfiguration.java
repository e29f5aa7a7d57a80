package io.dtm.coordinator.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.health.PollerActivity;
import io.dtm.coordinator.health.PollerHealthIndicator;
import io.dtm.coordinator.health.PollerLivenessPublisher;
import io.dtm.coordinator.health.StoreHealthIndicator;
import io.dtm.coordinator.store.TransStore;

/**
 * Health contributors {@code dtmStore} (a round trip to the store) and {@code dtmPoller}
 * (the recovery poller is alive), when the application has Spring Boot's health support.
 * Off with {@code management.health.dtm-store.enabled=false} or
 * {@code management.health.dtm-poller.enabled=false}. A recovery poller whose loop ends
 * without being stopped also marks the application's liveness
 * {@link org.springframework.boot.availability.LivenessState#BROKEN broken}.
 */
@AutoConfiguration(after = DtmCoordinatorEngineAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@ConditionalOnBean(TransStore.class)
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public final class DtmCoordinatorHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dtmStoreHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("dtm-store")
    StoreHealthIndicator dtmStoreHealthIndicator(TransStore store, DtmCoordinatorProperties properties) {
        return new StoreHealthIndicator(store, properties.getStore().getType());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CronPoller.class)
    @ConditionalOnEnabledHealthIndicator("dtm-poller")
    static final class PollerHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean
        PollerActivity dtmPollerActivity() {
            return new PollerActivity(Clock.systemUTC());
        }

        @Bean
        CoordinatorBuilderCustomizer dtmPollerActivityCoordinatorCustomizer(PollerActivity activity) {
            return (builder) -> builder.addPollListener(activity);
        }

        @Bean
        @ConditionalOnMissingBean(name = "dtmPollerHealthIndicator")
        PollerHealthIndicator dtmPollerHealthIndicator(CronPoller poller, PollerActivity activity,
                DtmCoordinatorProperties properties, EngineSettings settings) {
            return new PollerHealthIndicator(poller, activity, properties.isCronEnabled(), settings.cronInterval(),
                    properties.getHealth().getPollerMissedIntervals(), poller.longestPass(), Clock.systemUTC());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CronPoller.class)
    static final class PollerLivenessConfiguration {

        @Bean
        @ConditionalOnMissingBean
        PollerLivenessPublisher dtmPollerLivenessPublisher(ApplicationEventPublisher publisher) {
            return new PollerLivenessPublisher(publisher);
        }

        @Bean
        CoordinatorBuilderCustomizer dtmPollerLivenessCoordinatorCustomizer(PollerLivenessPublisher liveness) {
            return (builder) -> builder.addPollListener(liveness);
        }

    }

}
