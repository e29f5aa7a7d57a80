package io.dtm.spring.autoconfigure;

import java.time.Duration;

import io.dtm.spring.barrier.RedisBarrier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class DtmRedisBarrierAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmRedisBarrierAutoConfiguration.class));

    @Test
    void theBarrierOnTheApplicationsRedisConnection() {
        this.runner.withUserConfiguration(Redis.class)
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RedisBarrier.class));
    }

    @Test
    void offWithoutARedisConnection() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisBarrier.class));
    }

    @Test
    void offWithoutSpringDataRedis() {
        this.runner.withUserConfiguration(Redis.class)
            .withClassLoader(new FilteredClassLoader(StringRedisTemplate.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisBarrier.class));
    }

    @Test
    void offWhenDtmIsDisabled() {
        this.runner.withUserConfiguration(Redis.class)
            .withPropertyValues("dtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisBarrier.class));
    }

    @Test
    void backsOffForTheApplicationsBarrier() {
        this.runner.withUserConfiguration(Redis.class, UserBarrier.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(RedisBarrier.class);
            assertThat(context.getBean(RedisBarrier.class)).isSameAs(context.getBean("myBarrier"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Redis {

        @Bean
        RedisConnectionFactory redisConnectionFactory() {
            return new LettuceConnectionFactory();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserBarrier {

        @Bean
        RedisBarrier myBarrier(RedisConnectionFactory connectionFactory) {
            return new RedisBarrier(new StringRedisTemplate(connectionFactory), Duration.ofDays(1));
        }

    }

}
