package io.dtm.spring.autoconfigure;

import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.metrics.BarrierMeters;
import io.dtm.spring.metrics.ClientTransactionMeters;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Counters of the global transactions this application runs
 * ({@code dtm.client.transactions}) and of its branch barrier's decisions
 * ({@code dtm.client.barrier}), when it has a {@link MeterRegistry}. Off with
 * {@code dtm.metrics.enabled=false}.
 */
@AutoConfiguration(
        after = { DtmClientAutoConfiguration.class, DtmBarrierAutoConfiguration.class,
                DtmRedisBarrierAutoConfiguration.class },
        afterName = {
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dtm.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmProperties.class)
public final class DtmClientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(DtmClient.class)
    ClientTransactionMeters dtmClientTransactionMeters(MeterRegistry registry, DtmClient client) {
        ClientTransactionMeters meters = new ClientTransactionMeters(registry);
        client.addListener(meters);
        return meters;
    }

    @Bean
    @ConditionalOnMissingBean
    BarrierMeters dtmBarrierMeters(MeterRegistry registry, ObjectProvider<JdbcBarrier> jdbcBarrier,
            ObjectProvider<RedisBarrier> redisBarrier) {
        BarrierMeters meters = new BarrierMeters(registry);
        jdbcBarrier.ifAvailable((barrier) -> barrier.addListener(meters));
        redisBarrier.ifAvailable((barrier) -> barrier.addListener(meters));
        return meters;
    }

}
