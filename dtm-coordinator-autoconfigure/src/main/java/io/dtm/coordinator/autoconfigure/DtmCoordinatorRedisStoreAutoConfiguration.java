package io.dtm.coordinator.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.redis.RedisTransStore;

/**
 * The coordinator's Redis store when {@code dtm.coordinator.store.type=redis}, on a
 * connection of its own: it never uses or replaces the application's Redis connection
 * factory.
 */
@AutoConfiguration(before = DtmCoordinatorStoreAutoConfiguration.class)
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@ConditionalOnClass(name = { "io.dtm.coordinator.store.redis.RedisTransStore", "io.lettuce.core.RedisClient" })
@Conditional(OnStoreTypeCondition.Redis.class)
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public final class DtmCoordinatorRedisStoreAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DtmCoordinatorRedisStoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(TransStore.class)
    TransStore dtmTransStore(DtmCoordinatorProperties properties) {
        DtmCoordinatorProperties.Redis redis = properties.getStore().getRedis();
        TransStore created = RedisTransStore.create(redis.getUrl(), redis.getUsername(), redis.getPassword(),
                redis.getPrefix(), redis.getDataExpire(), redis.getFinishedDataExpire());
        log.info("The dtm coordinator keeps its transactions in a redis store at {}",
                StoreUrls.withoutSecrets(redis.getUrl()));
        return created;
    }

}
