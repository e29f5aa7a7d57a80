package io.dtm.spring.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.barrier.BarrierTableMissingException;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.Databases;
import io.dtm.spring.barrier.JdbcBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The barrier table at startup and at call time: a missing table is explained with the
 * statements that create it, a database that is down does not stop startup, and the check
 * then runs before the first barrier call.
 */
@ExtendWith(OutputCaptureExtension.class)
class BarrierTableCheckTests {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmBarrierAutoConfiguration.class));

    @Test
    void aMissingTableStopsStartupWithRunnableH2DdlWhenTheApplicationHasBarrierHandlers() {
        DataSource dataSource = h2();
        this.runner.withBean(DataSource.class, () -> dataSource)
            .withUserConfiguration(Handler.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never")
            .run((context) -> assertRunnableDdl(analysis(context), "dtm_barrier.barrier", dataSource,
                    "CREATE SCHEMA IF NOT EXISTS dtm_barrier;"));
        this.runner.withBean(DataSource.class, () -> dataSource)
            .withUserConfiguration(Handler.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void aMissingTableStopsStartupWithRunnableMariaDbDdl() {
        String table = "dtm_barrier.missing_" + UUID.randomUUID().toString().substring(0, 8);
        try (HikariDataSource dataSource = Databases.mariadb()) {
            try {
                startsWithMissingTable(dataSource, table, "CREATE DATABASE IF NOT EXISTS dtm_barrier;");
            }
            finally {
                new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void aMissingTableStopsStartupWithRunnablePostgresDdl() {
        String table = "dtm_barrier.missing_" + UUID.randomUUID().toString().substring(0, 8);
        try (HikariDataSource dataSource = Databases.postgres()) {
            try {
                startsWithMissingTable(dataSource, table, "CREATE SCHEMA IF NOT EXISTS dtm_barrier;");
            }
            finally {
                new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void withoutBarrierHandlersTheTableIsNotRequired() {
        this.runner.withBean(DataSource.class, BarrierTableCheckTests::h2)
            .withPropertyValues("dtm.barrier.initialize-schema=never")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcBarrier.class));
    }

    @Test
    void aDatabaseDownAtStartupIsCheckedBeforeTheFirstBarrierCall(CapturedOutput output) {
        SwitchableDataSource dataSource = new SwitchableDataSource(h2());
        this.runner.withBean(DataSource.class, () -> dataSource)
            .withUserConfiguration(Handler.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(output)
                    .contains("The dtm barrier cannot reach its database to check the table " + "dtm_barrier.barrier")
                    .contains("it will do so before the first barrier call");
                JdbcBarrier barrier = context.getBean(JdbcBarrier.class);
                AtomicInteger runs = new AtomicInteger();
                dataSource.up();
                for (int i = 0; i < 3; i++) {
                    assertThatExceptionOfType(BarrierTableMissingException.class)
                        .isThrownBy(() -> call(barrier, dataSource, runs))
                        .withMessageContaining("dtm_barrier.barrier does not exist in the H2 database");
                }
                assertThat(output.toString().split("does not exist in the H2 database", -1)).hasSize(2);
                assertThat(output).contains("CREATE TABLE IF NOT EXISTS dtm_barrier.barrier (");
                assertThat(runs).hasValue(0);
                new JdbcTemplate(dataSource).execute("CREATE SCHEMA IF NOT EXISTS dtm_barrier");
                new JdbcTemplate(dataSource)
                    .execute(new io.dtm.spring.barrier.H2BarrierDialect().createTableSql("dtm_barrier.barrier"));
                call(barrier, dataSource, runs);
                assertThat(runs).hasValue(1);
            });
    }

    @Test
    void aDatabaseDownAtStartupGetsItsTableCreatedBeforeTheFirstBarrierCall(CapturedOutput output) {
        SwitchableDataSource dataSource = new SwitchableDataSource(h2());
        this.runner.withBean(DataSource.class, () -> dataSource).withUserConfiguration(Handler.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("The dtm barrier cannot reach its database");
            AtomicInteger runs = new AtomicInteger();
            JdbcBarrier barrier = context.getBean(JdbcBarrier.class);
            assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> call(barrier, dataSource, runs));
            dataSource.up();
            call(barrier, dataSource, runs);
            assertThat(runs).hasValue(1);
        });
    }

    @Test
    void aTableMissingAtCallTimeIsLoggedOnceWithItsDdl(CapturedOutput output) {
        DataSource dataSource = h2();
        this.runner.withBean(DataSource.class, () -> dataSource)
            .withPropertyValues("dtm.barrier.initialize-schema=never", "dtm.barrier.validate-table=false")
            .withUserConfiguration(Handler.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                JdbcBarrier barrier = context.getBean(JdbcBarrier.class);
                AtomicInteger runs = new AtomicInteger();
                for (int i = 0; i < 3; i++) {
                    assertThatExceptionOfType(BadSqlGrammarException.class)
                        .isThrownBy(() -> call(barrier, dataSource, runs));
                }
                assertThat(output.toString().split("does not exist in the H2 database", -1)).hasSize(2);
                assertThat(output).contains("CREATE SCHEMA IF NOT EXISTS dtm_barrier;")
                    .contains("the coordinator retries them");
                assertThat(runs).hasValue(0);
            });
    }

    private void startsWithMissingTable(HikariDataSource pool, String table, String schemaStatement) {
        // the contexts must not close the pool
        DataSource dataSource = new DelegatingDataSource(pool);
        this.runner.withBean(DataSource.class, () -> dataSource)
            .withUserConfiguration(Handler.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never", "dtm.barrier.table=" + table)
            .run((context) -> assertRunnableDdl(analysis(context), table, dataSource, schemaStatement));
        this.runner.withBean(DataSource.class, () -> dataSource)
            .withUserConfiguration(Handler.class)
            .withPropertyValues("dtm.barrier.initialize-schema=never", "dtm.barrier.table=" + table)
            .run((context) -> assertThat(context).hasNotFailed());
    }

    /** Runs the statements the action shows, as a user would paste them. */
    private static void assertRunnableDdl(FailureAnalysis analysis, String table, DataSource dataSource,
            String schemaStatement) {
        assertThat(analysis.getDescription()).contains("The dtm barrier table " + table + " does not exist");
        String action = analysis.getAction();
        assertThat(action).doesNotContain("${").contains(schemaStatement);
        String script = action.substring(action.indexOf("CREATE"), action.lastIndexOf(';') + 1);
        assertThat(script).contains("CREATE TABLE IF NOT EXISTS " + table + " (");
        new ResourceDatabasePopulator(new ByteArrayResource(script.getBytes())).execute(dataSource);
    }

    private static void call(JdbcBarrier barrier, DataSource dataSource, AtomicInteger runs) {
        BranchBarrier branch = BranchBarrier.of("saga", "gid-" + UUID.randomUUID(), "01", "action");
        barrier.call(branch, dataSource, (jdbc) -> runs.incrementAndGet());
    }

    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new DtmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis;
    }

    private static DataSource h2() {
        return new DriverManagerDataSource(
                "jdbc:h2:mem:barrier-check-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Configuration(proxyBeanMethods = false)
    static class Handler {

        @Bean
        TransferHandler transferHandler() {
            return new TransferHandler();
        }

    }

    static class TransferHandler {

        @DtmBarrier
        public void transOut() {
        }

    }

    /** A database that is down until {@link #up()}. */
    static class SwitchableDataSource extends DelegatingDataSource {

        private final AtomicBoolean up = new AtomicBoolean();

        SwitchableDataSource(DataSource target) {
            super(target);
        }

        void up() {
            this.up.set(true);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!this.up.get()) {
                throw new SQLException("Connection refused", "08001");
            }
            return super.getConnection();
        }

    }

}
