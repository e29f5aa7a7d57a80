package io.dtm.spring.feign;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import feign.Client;
import feign.Response;
import feign.codec.Encoder;
import io.dtm.spring.autoconfigure.DtmPropagationAutoConfiguration;
import io.dtm.spring.autoconfigure.DtmRedisBarrierAutoConfiguration;
import io.dtm.spring.barrier.RedisBarrier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Pageable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the Redis barrier on plain spring-data-redis (its own connection
 * factory, without Boot's spring-boot-data-commons) still gets an encoder for its Feign
 * clients. Spring Cloud OpenFeign 5 registers its encoder only when Spring Data's
 * {@link Pageable} and Boot's {@code DataWebProperties} are both present or both absent
 * (spring-cloud-openfeign#1323): spring-data-redis brings the first without the second.
 * Runs in a surefire execution of its own, whose class path lacks
 * spring-boot-data-commons (a class loader cannot hide it: each Feign client's context
 * loads classes with OpenFeign's own class loader).
 */
class FeignEncoderWithoutBootDataCommonsTests {

    static final String DATA_WEB_PROPERTIES = "org.springframework.boot.data.autoconfigure.web.DataWebProperties";

    static final ApplicationContextRunner RUNNER = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                HttpMessageConvertersAutoConfiguration.class, FeignAutoConfiguration.class,
                DtmPropagationAutoConfiguration.class, DtmRedisBarrierAutoConfiguration.class))
        .withPropertyValues("spring.cloud.compatibility-verifier.enabled=false")
        .withUserConfiguration(RedisAndFeignApp.class);

    private final ApplicationContextRunner runner = RUNNER;

    @Test
    void feignClientsEncodeWhenSpringDataIsPresentWithoutBootsDataWebSupport() {
        assertThat(ClassUtils.isPresent(Pageable.class.getName(), null)).isTrue();
        assertThat(ClassUtils.isPresent(DATA_WEB_PROPERTIES, null))
            .as("this test runs without spring-boot-data-commons (surefire execution without-boot-data-commons)")
            .isFalse();
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(RedisBarrier.class);
            assertThat(context.getBean(FeignClientFactory.class).getInstances("encoder-accounts", Encoder.class))
                .containsOnlyKeys("dtmFeignEncoder");
            Accounts accounts = context.getBean(Accounts.class);
            assertThat(accounts.open(Map.of("id", 7))).containsEntry("status", "ok");
            assertThat(context.getBean(RedisAndFeignApp.class).bodies).containsExactly("{\"id\":7}");
        });
    }

    @FeignClient(name = "encoder-accounts", url = "http://accounts.invalid")
    interface Accounts {

        @PostMapping("/accounts")
        Map<String, Object> open(@RequestBody Map<String, Object> account);

    }

    @Configuration(proxyBeanMethods = false)
    @EnableFeignClients(clients = Accounts.class)
    static class RedisAndFeignApp {

        final List<String> bodies = new ArrayList<>();

        /** A connection factory of the application's own; never connected here. */
        @Bean
        RedisConnectionFactory redisConnectionFactory() {
            return new LettuceConnectionFactory();
        }

        @Bean
        Client accountsNetwork() {
            return (request, options) -> {
                this.bodies.add(new String(request.body(), StandardCharsets.UTF_8));
                return Response.builder()
                    .status(200)
                    .request(request)
                    .headers(Map.of(HttpHeaders.CONTENT_TYPE, List.of(MediaType.APPLICATION_JSON_VALUE)))
                    .body("{\"status\":\"ok\"}", StandardCharsets.UTF_8)
                    .build();
            };
        }

    }

}
