package io.dtm.coordinator.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
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

    private static final Logger log = LoggerFactory.getLogger(DtmCoordinatorStoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public TransStore dtmTransStore(DtmCoordinatorProperties properties, ResourceLoader resourceLoader,
            Environment environment) {
        DtmCoordinatorProperties.Store store = properties.getStore();
        String type = TransStores.type(store);
        String url = TransStores.url(store, type,
                () -> DefaultH2Store.url(environment.getProperty("spring.application.name")));
        TransStore created = TransStores.create(store, resourceLoader.getClassLoader(), url);
        log.info("The dtm coordinator keeps its transactions in a {} store at {}", type, StoreUrls.withoutSecrets(url));
        return created;
    }

}
