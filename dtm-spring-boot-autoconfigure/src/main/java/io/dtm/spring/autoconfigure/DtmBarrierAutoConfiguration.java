package io.dtm.spring.autoconfigure;

import javax.sql.DataSource;

import io.dtm.spring.barrier.BarrierSchemaInitializer;
import io.dtm.spring.barrier.JdbcBarrier;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JDBC branch barrier on the application's DataSource, and the barrier table's
 * creation and check at startup.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcTemplate.class, DataSource.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmProperties.class)
public final class DtmBarrierAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JdbcBarrier dtmJdbcBarrier(DtmProperties properties, DataSource dataSource) {
        try {
            return new JdbcBarrier(properties.getBarrier().getTable(), dataSource);
        }
        catch (IllegalArgumentException ex) {
            throw new DtmConfigurationException(ex.getMessage() + ".",
                    "Set dtm.barrier.table to a table name, optionally with its schema, e.g. dtm_barrier.barrier.", ex);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    BarrierSchemaInitializer dtmBarrierSchemaInitializer(JdbcBarrier barrier, DataSource dataSource) {
        return new BarrierSchemaInitializer(barrier, dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(name = "dtmBarrierSchemaInitialization")
    BarrierTableStartupCheck dtmBarrierSchemaInitialization(DtmProperties properties, JdbcBarrier barrier,
            DataSource dataSource, BarrierSchemaInitializer initializer, ConfigurableListableBeanFactory beanFactory) {
        return new BarrierTableStartupCheck(properties.getBarrier(), barrier, dataSource, initializer, beanFactory);
    }

}
