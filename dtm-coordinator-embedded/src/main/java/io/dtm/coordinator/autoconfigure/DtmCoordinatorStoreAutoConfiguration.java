package io.dtm.coordinator.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import io.dtm.coordinator.store.TransStore;

/**
 * The coordinator's store, on connections of its own: it never uses or replaces the
 * application's DataSource or Redis connection factory. A store type whose driver is not
 * on the classpath fails startup, naming the dependency to add.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public class DtmCoordinatorStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TransStore dtmTransStore(DtmCoordinatorProperties properties, ResourceLoader resourceLoader) {
        return TransStores.create(properties.getStore(), resourceLoader.getClassLoader());
    }

}
