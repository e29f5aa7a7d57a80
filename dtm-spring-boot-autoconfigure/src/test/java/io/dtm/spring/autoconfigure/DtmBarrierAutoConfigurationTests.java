package io.dtm.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.dtm.spring.barrier.BarrierSchemaInitializer;
import io.dtm.spring.barrier.JdbcBarrier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class DtmBarrierAutoConfigurationTests {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmBarrierAutoConfiguration.class));

    @Test
    void theBarrierOnTheApplicationsDataSource() {
        this.runner.withUserConfiguration(H2.class).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(JdbcBarrier.class)
                .hasSingleBean(BarrierSchemaInitializer.class)
                .hasBean("dtmBarrierSchemaInitialization");
            assertThat(context.getBean(JdbcBarrier.class).table()).isEqualTo("dtm_barrier.barrier");
        });
    }

    @Test
    void offWithoutASingleDataSource() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcBarrier.class));
        this.runner.withUserConfiguration(TwoDataSources.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcBarrier.class));
    }

    @Test
    void offWithoutSpringJdbc() {
        this.runner.withUserConfiguration(H2.class)
            .withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcBarrier.class));
    }

    @Test
    void offWhenDtmIsDisabled() {
        this.runner.withUserConfiguration(H2.class)
            .withPropertyValues("dtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(JdbcBarrier.class)
                .doesNotHaveBean("dtmBarrierSchemaInitialization"));
    }

    @Test
    void backsOffForTheApplicationsBarrier() {
        this.runner.withUserConfiguration(H2.class, UserBarrier.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(JdbcBarrier.class);
            assertThat(context.getBean(JdbcBarrier.class).table()).isEqualTo("my_barrier");
        });
    }

    @Test
    void initializeSchemaTakesBootsDatabaseInitializationModes() {
        // embedded (the default) and always create the table on H2; never does not
        this.runner.withUserConfiguration(H2.class).run((context) -> assertThat(barrierTables(context)).isOne());
        this.runner.withUserConfiguration(H2.class)
            .withPropertyValues("dtm.barrier.initialize-schema=embedded")
            .run((context) -> assertThat(barrierTables(context)).isOne());
        this.runner.withUserConfiguration(H2.class)
            .withPropertyValues("dtm.barrier.initialize-schema=ALWAYS")
            .run((context) -> assertThat(barrierTables(context)).isOne());
        this.runner.withUserConfiguration(H2.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never")
            .run((context) -> assertThat(barrierTables(context)).isZero());
    }

    @Test
    void aBadTableNameIsExplained() {
        this.runner.withUserConfiguration(H2.class)
            .withPropertyValues("dtm.barrier.table=drop table; x")
            .run((context) -> {
                FailureAnalysis analysis = analysis(context);
                assertThat(analysis.getDescription())
                    .contains("dtm.barrier.table must be [schema.]table, got: drop table; x");
                assertThat(analysis.getAction()).contains("dtm_barrier.barrier");
            });
    }

    @Test
    void aMissingTableIsExplainedWhenValidationIsOn() {
        this.runner.withUserConfiguration(H2.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never", "dtm.barrier.validate-table=true")
            .run((context) -> {
                FailureAnalysis analysis = analysis(context);
                assertThat(analysis.getDescription())
                    .contains("The dtm barrier table dtm_barrier.barrier does not exist in the H2 database");
                assertThat(analysis.getAction()).contains("CREATE TABLE IF NOT EXISTS dtm_barrier.barrier (");
            });
    }

    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new DtmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis;
    }

    private static Integer barrierTables(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        return new JdbcTemplate(context.getBean(DataSource.class))
            .queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'DTM_BARRIER' "
                    + "AND TABLE_NAME = 'BARRIER'", Integer.class);
    }

    private static DataSource h2() {
        return new DriverManagerDataSource(
                "jdbc:h2:mem:barrier-autoconfig-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Configuration(proxyBeanMethods = false)
    static class H2 {

        @Bean
        DataSource dataSource() {
            return h2();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        DataSource one() {
            return h2();
        }

        @Bean
        DataSource two() {
            return h2();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserBarrier {

        @Bean
        JdbcBarrier myBarrier(DataSource dataSource) {
            return new JdbcBarrier("my_barrier", dataSource);
        }

    }

}
