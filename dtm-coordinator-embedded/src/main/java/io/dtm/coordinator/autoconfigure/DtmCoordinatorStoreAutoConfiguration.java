package io.dtm.coordinator.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.dtm.coordinator.store.TransStore;

/**
 * The coordinator's store, on connections of its own: it never uses or replaces the application's DataSource or
 * Redis connection factory.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "dtm.coordinator", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public class DtmCoordinatorStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TransStore dtmTransStore(DtmCoordinatorProperties properties) {
        return TransStores.create(properties.getStore());
    }
}
