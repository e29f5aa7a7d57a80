package io.dtm.coordinator.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import io.dtm.coordinator.store.CoordinatorStoreException;
import io.dtm.coordinator.store.TransStore;

/**
 * Stops startup with the reason when the coordinator is served and neither the
 * application nor a store's auto-configuration
 * ({@link DtmCoordinatorJdbcStoreAutoConfiguration},
 * {@link DtmCoordinatorRedisStoreAutoConfiguration}) provides its store: the store type
 * is unknown, or its module or client library is not on the classpath.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public final class DtmCoordinatorStoreAutoConfiguration {

    private static final String TYPES = "h2, mysql (also MariaDB), postgres or redis";

    @Bean
    @ConditionalOnMissingBean
    TransStore dtmTransStore(DtmCoordinatorProperties properties, ResourceLoader resourceLoader) {
        String configured = properties.getStore().getType();
        String type = OnStoreTypeCondition.type(configured);
        ClassLoader classLoader = resourceLoader.getClassLoader();
        if ("redis".equals(type)) {
            StoreDriver.REDIS_STORE.require(type, classLoader);
            StoreDriver.LETTUCE.require(type, classLoader);
        }
        else if (OnStoreTypeCondition.JDBC_TYPES.contains(type)) {
            StoreDriver.JDBC_STORE.require(type, classLoader);
        }
        else {
            throw new CoordinatorStoreException("Unsupported store type '" + configured + "'.",
                    "Set dtm.coordinator.store.type to " + TYPES + ".");
        }
        throw new CoordinatorStoreException("No store of type " + type + " was configured.",
                "Check that DtmCoordinator" + ("redis".equals(type) ? "Redis" : "Jdbc")
                        + "StoreAutoConfiguration is not excluded, or declare a TransStore bean.");
    }

}
