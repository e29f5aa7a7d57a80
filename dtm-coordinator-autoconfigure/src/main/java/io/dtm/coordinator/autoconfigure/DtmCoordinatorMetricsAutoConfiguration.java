package io.dtm.coordinator.autoconfigure;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import io.micrometer.core.instrument.MeterRegistry;

import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.metrics.ApiMetricsFilter;
import io.dtm.coordinator.metrics.BranchCallMeters;
import io.dtm.coordinator.metrics.MeteredTransStore;
import io.dtm.coordinator.metrics.PollerMeters;
import io.dtm.coordinator.metrics.TransactionMeters;
import io.dtm.coordinator.metrics.UnfinishedTransactionsGauge;
import io.dtm.coordinator.store.TransStore;

/**
 * The coordinator's Micrometer meters, when the application has a {@link MeterRegistry}:
 * its API, transactions, branch calls, recovery poller and store. Off with
 * {@code dtm.coordinator.metrics.enabled=false}.
 */
@AutoConfiguration(after = { DtmCoordinatorEngineAutoConfiguration.class, DtmCoordinatorWebAutoConfiguration.class },
        afterName = {
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@ConditionalOnBooleanProperty(name = "dtm.coordinator.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public final class DtmCoordinatorMetricsAutoConfiguration {

    /**
     * The engine writes through a {@link MeteredTransStore}, and tells the meters of its
     * branch calls and recovery passes.
     */
    @Bean
    CoordinatorBuilderCustomizer dtmMetricsCoordinatorCustomizer(MeterRegistry registry, TransactionMeters transactions,
            BranchCallMeters branchCalls, PollerMeters poller) {
        return (builder) -> builder.decorateStore((store) -> new MeteredTransStore(store, registry, transactions))
            .addBranchCallListener(branchCalls)
            .addPollListener(poller);
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionMeters dtmTransactionMeters(MeterRegistry registry) {
        return new TransactionMeters(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    BranchCallMeters dtmBranchCallMeters(MeterRegistry registry) {
        return new BranchCallMeters(registry);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(TransStore.class)
    UnfinishedTransactionsGauge dtmUnfinishedTransactionsGauge(MeterRegistry registry, TransStore store,
            DtmCoordinatorProperties properties) {
        UnfinishedTransactionsGauge gauge = new UnfinishedTransactionsGauge(registry, store,
                properties.getMetrics().getUnfinishedRefreshInterval());
        gauge.start();
        return gauge;
    }

    @Bean
    @ConditionalOnMissingBean
    PollerMeters dtmPollerMeters(MeterRegistry registry) {
        return new PollerMeters(registry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static final class ApiMetricsConfiguration {

        /** Before the request filter, so that the time includes reading the body. */
        @Bean
        @ConditionalOnMissingBean(name = "dtmApiMetricsFilter")
        FilterRegistrationBean<ApiMetricsFilter> dtmApiMetricsFilter(MeterRegistry registry) {
            FilterRegistrationBean<ApiMetricsFilter> registration = new FilterRegistrationBean<>(
                    new ApiMetricsFilter(registry));
            registration.setName("dtmApiMetricsFilter");
            registration.addUrlPatterns("/api/dtmsvr/*", "/api/json-rpc/*");
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.setAsyncSupported(true);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

    }

}
