package io.dtm.spring.autoconfigure;

import io.dtm.spring.barrier.RedisBarrier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis branch barrier on the application's Redis connection.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@EnableConfigurationProperties(DtmProperties.class)
public final class DtmRedisBarrierAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RedisBarrier dtmRedisBarrier(RedisConnectionFactory connectionFactory, DtmProperties properties) {
        return new RedisBarrier(new StringRedisTemplate(connectionFactory), properties.getBarrier().getRedisExpire());
    }

}
