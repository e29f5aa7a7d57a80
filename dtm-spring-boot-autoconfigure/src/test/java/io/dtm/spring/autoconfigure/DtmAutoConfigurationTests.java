package io.dtm.spring.autoconfigure;

import javax.sql.DataSource;

import io.dtm.protocol.DtmRetryableException;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.feign.DtmFeignRequestInterceptor;
import io.dtm.spring.propagation.DtmClientHttpRequestInterceptor;
import io.dtm.spring.propagation.DtmContextTaskDecorator;
import io.dtm.spring.web.DtmCallbackController;
import io.dtm.spring.web.DtmExceptionHandler;
import io.dtm.spring.web.DtmHandlerExceptionResolver;
import io.dtm.spring.xa.XaParticipant;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DtmAutoConfigurationTests {

    private static final AutoConfigurations DTM = AutoConfigurations.of(DtmBarrierAutoConfiguration.class,
            DtmRedisBarrierAutoConfiguration.class, DtmClientAutoConfiguration.class,
            DtmPropagationAutoConfiguration.class, DtmWebAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(DTM);

    @Test
    void clientBeansWithoutADataSource() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(DtmClient.class)
                .hasSingleBean(Workflows.class)
                .hasSingleBean(DtmContextTaskDecorator.class)
                .hasSingleBean(DtmClientHttpRequestInterceptor.class)
                .hasSingleBean(DtmFeignRequestInterceptor.class)
                .doesNotHaveBean(JdbcBarrier.class)
                .doesNotHaveBean(XaParticipant.class)
                .doesNotHaveBean(RedisBarrier.class)
                .doesNotHaveBean(DtmExceptionHandler.class);
            assertThat(context.getBean(DtmClient.class).server()).isEqualTo("http://localhost:36789/api/dtmsvr");
        });
    }

    @Test
    void barrierAndXaOnTheDataSourceWithTheTableCreatedOnEmbeddedH2() {
        this.runner.withUserConfiguration(H2Config.class).run((context) -> {
            assertThat(context).hasSingleBean(JdbcBarrier.class).hasSingleBean(XaParticipant.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dtm_barrier.barrier", Integer.class)).isZero();
        });
    }

    @Test
    void barrierTableIsNotCreatedWhenInitializationIsOff() {
        this.runner.withUserConfiguration(H2Config.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never", "dtm.barrier.table=custom_barrier")
            .run((context) -> {
                JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'CUSTOM_BARRIER'",
                        Integer.class))
                    .isZero();
                assertThat(context.getBean(JdbcBarrier.class).table()).isEqualTo("custom_barrier");
            });
    }

    @Test
    void aMissingBarrierTableStopsStartupWhenValidationIsOn() {
        this.runner.withUserConfiguration(H2Config.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never", "dtm.barrier.validate-table=true")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("The dtm barrier table dtm_barrier.barrier does not exist")
                .hasStackTraceContaining("CREATE TABLE IF NOT EXISTS dtm_barrier.barrier ("));
        this.runner.withUserConfiguration(H2Config.class)
            .withPropertyValues("dtm.barrier.validate-table=true")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void aBadBarrierTableNameStopsStartupWithAClearMessage() {
        this.runner.withUserConfiguration(H2Config.class)
            .withPropertyValues("dtm.barrier.table=drop table; x")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("dtm.barrier.table must be [schema.]table"));
    }

    @Test
    void userBeansWin() {
        this.runner.withUserConfiguration(UserClientConfig.class).run((context) -> {
            assertThat(context).hasSingleBean(DtmClient.class);
            assertThat(context.getBean(DtmClient.class).server()).isEqualTo("http://user-dtm/api/dtmsvr");
        });
    }

    @Test
    void anUnreachableCoordinatorDoesNotStopStartup() {
        this.runner.withPropertyValues("dtm.server=http://127.0.0.1:1/api/dtmsvr", "dtm.http-timeout=2s")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThatExceptionOfType(DtmRetryableException.class)
                    .isThrownBy(() -> context.getBean(DtmClient.class).query("unreachable"));
            });
    }

    @Test
    void serverDefaultsToTheEmbeddedCoordinatorWhenItIsEnabled() {
        this.runner.withPropertyValues("dtm.coordinator.enabled=true", "local.server.port=4711")
            .run((context) -> assertThat(context.getBean(DtmClient.class).server())
                .isEqualTo("http://localhost:4711/api/dtmsvr"));
        this.runner
            .withPropertyValues("dtm.coordinator.enabled=true", "local.server.port=4711",
                    "dtm.server=http://dtm:36789/api/dtmsvr")
            .run((context) -> assertThat(context.getBean(DtmClient.class).server())
                .isEqualTo("http://dtm:36789/api/dtmsvr"));
    }

    @Test
    void callbackUrlsAreDerivedFromThePortUnlessSet() {
        this.runner.withPropertyValues("local.server.port=4712", "server.servlet.context-path=/bank")
            .run((context) -> assertThat(context.getBean(DtmUrls.class).callback("/xa/phase2"))
                .isEqualTo("http://localhost:4712/bank/dtm/xa/phase2"));
        this.runner.withPropertyValues("dtm.callback-url=http://bank-out:8081/", "dtm.callback-path=/cb")
            .run((context) -> assertThat(context.getBean(DtmUrls.class).callback("/xa/phase2"))
                .isEqualTo("http://bank-out:8081/cb/xa/phase2"));
    }

    @Test
    void optionalIntegrationsBackOffWithoutTheirLibraries() {
        this.runner.withClassLoader(new FilteredClassLoader("feign.", "org.springframework.data.redis."))
            .run((context) -> assertThat(context).doesNotHaveBean(DtmFeignRequestInterceptor.class)
                .doesNotHaveBean(RedisBarrier.class)
                .hasSingleBean(DtmClient.class));
    }

    @Test
    void redisBarrierOnTheRedisConnectionFactory() {
        this.runner.withUserConfiguration(RedisConfig.class)
            .run((context) -> assertThat(context).hasSingleBean(RedisBarrier.class));
    }

    @Test
    void servletApplicationsGetRepliesCallbacksAndTheInboundFilter() {
        new WebApplicationContextRunner().withConfiguration(DTM).run((context) -> {
            assertThat(context).hasSingleBean(DtmExceptionHandler.class)
                .hasSingleBean(DtmHandlerExceptionResolver.class)
                .hasSingleBean(DtmCallbackController.class)
                .hasBean("dtmInboundFilter");
        });
        new WebApplicationContextRunner().withConfiguration(DTM)
            .withUserConfiguration(UserAdviceConfig.class)
            .run((context) -> assertThat(context.getBean(DtmExceptionHandler.class))
                .isInstanceOf(UserAdviceConfig.MyHandler.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class H2Config {

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource("jdbc:h2:mem:autoconfig-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                    "sa", "");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserClientConfig {

        @Bean
        DtmClient myDtmClient() {
            return DtmClient.create("http://user-dtm/api/dtmsvr");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class RedisConfig {

        @Bean
        RedisConnectionFactory redisConnectionFactory() {
            return new LettuceConnectionFactory();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserAdviceConfig {

        @Bean
        MyHandler myHandler() {
            return new MyHandler();
        }

        static class MyHandler extends DtmExceptionHandler {

        }

    }

}
