package io.dtm.samples.cache;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A product price in the database, cached in Redis: an update commits the price and a
 * 2-phase message's branch then marks the cache entry deleted; the read path is
 * {@code @Cacheable(sync = true)} on a {@link ConsistentRedisCache}, so a reader that
 * read the old price cannot write it back after the mark.
 */
@SpringBootApplication
@EnableCaching
@EnableConfigurationProperties(ConsistentRedisCacheProperties.class)
public class CacheSampleApplication {

    @Bean
    ConsistentRedisCacheManager cacheManager(RedisConnectionFactory connectionFactory,
            ConsistentRedisCacheProperties properties) {
        return new ConsistentRedisCacheManager(new StringRedisTemplate(connectionFactory), properties);
    }

    public static void main(String[] args) {
        SpringApplication.run(CacheSampleApplication.class, args);
    }

}
