package io.dtm.spring.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTransaction;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.DtmHttp;
import io.dtm.spring.client.TransDefaults;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code dtm.enabled}: on, an initiator's saga reaches the executors Spring Boot builds;
 * off, the client leaves no bean behind and annotated methods run as plain methods.
 */
class DtmEnabledTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
                DtmBarrierAutoConfiguration.class, DtmRedisBarrierAutoConfiguration.class,
                DtmClientAutoConfiguration.class, DtmPropagationAutoConfiguration.class, DtmWebAutoConfiguration.class,
                DtmAnnotationAutoConfiguration.class))
        .withUserConfiguration(App.class);

    @Test
    void onTheSagaBeingRecordedReachesBootsExecutors() {
        this.runner.withUserConfiguration(LocalGids.class).run((context) -> {
            assertThat(context).hasNotFailed();
            Initiator initiator = context.getBean(Initiator.class);
            assertThat(AopUtils.isAopProxy(initiator)).isTrue();
            assertThatIllegalStateException().isThrownBy(initiator::saga).withMessage("submit nothing");
            assertThat(initiator.seen()).containsExactly("local-gid", "local-gid", "local-gid");
        });
    }

    @Test
    void offNoBeanOfTheClientAndAnnotatedMethodsRunPlain() {
        this.runner.withPropertyValues("dtm.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(clientBeans(context)).isEmpty();
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'BARRIER'", Integer.class))
                .isZero();
            Initiator initiator = context.getBean(Initiator.class);
            assertThat(AopUtils.isAopProxy(initiator)).isFalse();
            assertThatIllegalStateException().isThrownBy(initiator::saga).withMessage("submit nothing");
            assertThat(initiator.seen()).containsOnlyNulls();
        });
    }

    /** The beans whose class is one of the client's, not this test's. */
    private static List<String> clientBeans(AssertableWebApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames()).filter((name) -> {
            Class<?> type = context.getType(name);
            return type != null && type.getName().startsWith("io.dtm.")
                    && !type.getName().startsWith(DtmEnabledTests.class.getName());
        }).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class App {

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource("jdbc:h2:mem:enabled-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa",
                    "");
        }

        @Bean
        Initiator initiator(@Qualifier("applicationTaskExecutor") Executor bootExecutor,
                SimpleAsyncTaskExecutorBuilder simpleBuilder) {
            return new Initiator(bootExecutor, simpleBuilder.build());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LocalGids {

        @Bean
        DtmClient dtmClient() {
            return new DtmClient(new DtmHttp(Duration.ofSeconds(1)), DtmClient.defaultJsonMapper(),
                    () -> "http://localhost:1/api/dtmsvr", TransDefaults.NONE, null) {

                @Override
                public String newGid() {
                    return "local-gid";
                }

            };
        }

    }

    static class Initiator {

        private final Executor bootExecutor;

        private final Executor simpleExecutor;

        private final String[] seen = new String[3];

        Initiator(Executor bootExecutor, Executor simpleExecutor) {
            this.bootExecutor = bootExecutor;
            this.simpleExecutor = simpleExecutor;
        }

        public String[] seen() {
            return this.seen;
        }

        /**
         * Notes the gid seen here and on two executors, then throws so that nothing is
         * submitted.
         */
        @GlobalSaga
        public void saga() {
            this.seen[0] = GlobalTransaction.currentGid();
            this.seen[1] = CompletableFuture.supplyAsync(GlobalTransaction::currentGid, this.bootExecutor).join();
            this.seen[2] = CompletableFuture.supplyAsync(GlobalTransaction::currentGid, this.simpleExecutor).join();
            throw new IllegalStateException("submit nothing");
        }

    }

}
