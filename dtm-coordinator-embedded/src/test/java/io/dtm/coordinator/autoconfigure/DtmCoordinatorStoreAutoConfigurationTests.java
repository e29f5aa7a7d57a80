package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.dtm.coordinator.store.CoordinatorStoreException;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcTransStore;

@ExtendWith(OutputCaptureExtension.class)
class DtmCoordinatorStoreAutoConfigurationTests {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                DtmCoordinatorRedisStoreAutoConfiguration.class, DtmCoordinatorStoreAutoConfiguration.class));

    @Test
    void offUnlessTheCoordinatorIsEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TransStore.class));
        runner.withPropertyValues("dtm.coordinator.enabled=false")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TransStore.class));
    }

    @Test
    void anH2StoreWithItsTablesCreatedByDefault() {
        String url = h2Url();
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.jdbc.url=" + url)
            .run(context -> {
                assertThat(context).hasSingleBean(TransStore.class);
                assertThat(context.getBean(TransStore.class)).isInstanceOf(JdbcTransStore.class);
                assertThat(hasTables(url)).isTrue();
            });
    }

    @Test
    void initializeSchemaNeverLeavesAnEmptyH2DatabaseAloneAndFailsOnTheMissingTables() {
        String url = h2Url();
        runner
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.jdbc.url=" + url,
                    "dtm.coordinator.store.jdbc.initialize-schema=never")
            .run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("trans_global");
                FailureAnalysis analysis = analysis(context);
                assertThat(analysis.getDescription()).contains("The coordinator's table 'trans_global' is missing");
                assertThat(analysis.getAction()).contains("dtm.coordinator.store.jdbc.initialize-schema=always");
                assertThat(hasTables(url)).isFalse();
            });
    }

    @Test
    void anEmbeddedCoordinatorWithoutAUrlKeepsItsStoreInMemoryAndWarnsOnce(@TempDir Path home, CapturedOutput output) {
        Path workingDirectoryData = Path.of(System.getProperty("user.dir"), "dtm-data");
        boolean workingDirectoryDataExisted = Files.exists(workingDirectoryData);
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            runner.withPropertyValues("dtm.coordinator.enabled=true", "spring.application.name=bank").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(TransStore.class)).isInstanceOf(JdbcTransStore.class);
            });
            assertThat(home.resolve(".dtm")).doesNotExist();
            assertThat(output).containsOnlyOnce("The dtm coordinator keeps its transactions in memory (H2)")
                .contains("Set dtm.coordinator.store.jdbc.url")
                .contains("dtm.coordinator.store.jdbc.default-h2=file")
                .doesNotContain("default store of earlier versions")
                .contains("in a h2 store at jdbc:h2:mem:dtm-coordinator-");
        }
        finally {
            System.setProperty("user.home", userHome);
        }
        assertThat(Files.exists(workingDirectoryData)).isEqualTo(workingDirectoryDataExisted);
    }

    @Test
    void twoInMemoryStoresInOneJvmDoNotShareADatabase(CapturedOutput output) {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .run((one) -> runner.withPropertyValues("dtm.coordinator.enabled=true")
                .run((two) -> assertThat(two.getBean(TransStore.class)).isNotSameAs(one.getBean(TransStore.class))));
        Matcher urls = Pattern.compile("in a h2 store at (jdbc:h2:mem:dtm-coordinator-[0-9a-f-]+)").matcher(output);
        Set<String> databases = new HashSet<>();
        while (urls.find()) {
            databases.add(urls.group(1));
        }
        assertThat(databases).hasSize(2);
    }

    @Test
    void theInMemoryWarningPointsAtTheFileOfEarlierVersions(@TempDir Path home, CapturedOutput output)
            throws IOException {
        Files.createDirectories(home.resolve(".dtm/coordinator"));
        Files.writeString(home.resolve(".dtm/coordinator/bank.mv.db"), "");
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            runner.withPropertyValues("dtm.coordinator.enabled=true", "spring.application.name=bank")
                .run(context -> assertThat(context).hasNotFailed());
            assertThat(output).contains(home.toAbsolutePath().resolve(".dtm/coordinator/bank.mv.db")
                    + " exists (the default store of earlier versions)");
        }
        finally {
            System.setProperty("user.home", userHome);
        }
    }

    @Test
    void theDefaultH2FileLivesUnderTheUsersHomeNotTheWorkingDirectory(@TempDir Path home) {
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.jdbc.default-h2=file")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(home.resolve(".dtm/coordinator/dtm.mv.db")).exists();
                });
        }
        finally {
            System.setProperty("user.home", userHome);
        }
    }

    @Test
    void theFlatKeysOfEarlierVersionsStillConfigureTheStore() {
        String url = h2Url();
        runner
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.url=" + url,
                    "dtm.coordinator.store.initialize-schema=never", "dtm.coordinator.store.max-pool-size=3")
            .run(context -> {
                assertThat(context).hasFailed();
                assertThat(analysis(context).getDescription()).contains("is missing in " + url);
            });
        runner
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.url=" + url,
                    "dtm.coordinator.store.max-pool-size=3", "dtm.coordinator.store.redis-prefix={old}")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(hasTables(url)).isTrue();
                DtmCoordinatorProperties.Store store = context.getBean(DtmCoordinatorProperties.class).getStore();
                assertThat(store.getJdbc().getUrl()).isEqualTo(url);
                assertThat(store.getJdbc().getMaxPoolSize()).isEqualTo(3);
                assertThat(store.getRedis().getPrefix()).isEqualTo("{old}");
            });
    }

    @Test
    void theNestedKeysWinOverTheFlatOnes() {
        String oldUrl = h2Url();
        String newUrl = h2Url();
        runner
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.url=" + oldUrl,
                    "dtm.coordinator.store.jdbc.url=" + newUrl, "dtm.coordinator.store.max-pool-size=3",
                    "dtm.coordinator.store.jdbc.max-pool-size=5", "dtm.coordinator.store.redis-prefix={old}",
                    "dtm.coordinator.store.redis.prefix={new}")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(hasTables(newUrl)).isTrue();
                assertThat(hasTables(oldUrl)).isFalse();
                DtmCoordinatorProperties.Store store = context.getBean(DtmCoordinatorProperties.class).getStore();
                assertThat(store.getJdbc().getMaxPoolSize()).isEqualTo(5);
                assertThat(store.getRedis().getPrefix()).isEqualTo("{new}");
            });
    }

    @Test
    void backsOffForTheApplicationsStore() {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .withUserConfiguration(UserStore.class)
            .run(context -> {
                assertThat(context).hasSingleBean(TransStore.class);
                assertThat(context.getBean(TransStore.class)).isSameAs(context.getBean("myStore"));
            });
    }

    @Test
    void aStoreTypeWithoutItsDriverNamesTheDependencyToAdd() {
        assertMissingDriver("org.postgresql", "org.postgresql:postgresql", "dtm.coordinator.store.type=postgres",
                "dtm.coordinator.store.jdbc.url=jdbc:postgresql://127.0.0.1:5432/dtm");
        assertMissingDriver("org.postgresql", "org.postgresql:postgresql", "dtm.coordinator.store.type=postgres");
        assertMissingDriver("org.mariadb", "org.mariadb.jdbc:mariadb-java-client", "dtm.coordinator.store.type=mysql",
                "dtm.coordinator.store.jdbc.url=jdbc:mariadb://127.0.0.1:3306/dtm");
        assertMissingDriver("com.mysql", "com.mysql:mysql-connector-j", "dtm.coordinator.store.type=mysql",
                "dtm.coordinator.store.jdbc.url=jdbc:mysql://127.0.0.1:3306/dtm");
        assertMissingDriver("io.lettuce", "io.lettuce:lettuce-core", "dtm.coordinator.store.type=redis");
        assertMissingDriver("org.h2", "com.h2database:h2");
    }

    @Test
    void aStoreTypeWithoutItsStoreModuleNamesTheModuleToAdd() {
        assertMissingDriver("io.dtm.coordinator.store.redis", "io.dtm:dtm-coordinator-store-redis",
                "dtm.coordinator.store.type=redis");
        assertMissingDriver("io.dtm.coordinator.store.jdbc", "io.dtm:dtm-coordinator-store-jdbc",
                "dtm.coordinator.store.type=postgres", "dtm.coordinator.store.jdbc.url=jdbc:postgresql://x/dtm");
        assertMissingDriver("io.dtm.coordinator.store.jdbc", "io.dtm:dtm-coordinator-store-jdbc");
    }

    @Test
    void eachStoreTypeHasItsOwnAutoConfiguration() {
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.jdbc.url=" + h2Url())
            .run((context) -> assertThat(context).hasSingleBean(DtmCoordinatorJdbcStoreAutoConfiguration.class)
                .doesNotHaveBean(DtmCoordinatorRedisStoreAutoConfiguration.class));
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                    DtmCoordinatorRedisStoreAutoConfiguration.class))
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.type=redis")
            .withBean("myStore", TransStore.class, () -> mock(TransStore.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmCoordinatorJdbcStoreAutoConfiguration.class)
                .hasSingleBean(DtmCoordinatorRedisStoreAutoConfiguration.class)
                .hasSingleBean(TransStore.class));
    }

    @Test
    void anUnknownStoreTypeListsTheKnownOnes() {
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.type=oracle")
            .run(failsWith("Unsupported store type 'oracle'", "h2, mysql (also MariaDB), postgres or redis"));
    }

    @Test
    void aServerStoreWithoutAUrlAsksForOne() {
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.type=mysql")
            .run(failsWith("dtm.coordinator.store.jdbc.url is required for store type mysql",
                    "jdbc:mariadb://127.0.0.1:3306/dtm"));
    }

    private void assertMissingDriver(String filteredPackage, String dependency, String... properties) {
        runner.withClassLoader(new FilteredClassLoader(filteredPackage))
            .withPropertyValues("dtm.coordinator.enabled=true")
            .withPropertyValues(properties)
            .run(failsWith("which is not on the classpath",
                    "Add " + dependency + " to the application's dependencies."));
    }

    private static ContextConsumer<AssertableApplicationContext> failsWith(String description, String action) {
        return context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(CoordinatorStoreException.class);
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains(description);
            assertThat(analysis.getAction()).contains(action);
        };
    }

    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        FailureAnalysis analysis = new CoordinatorStoreFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis;
    }

    private static String h2Url() {
        return "jdbc:h2:mem:store-autoconfig-" + DATABASES.incrementAndGet() + "-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1";
    }

    private static boolean hasTables(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'TRANS_GLOBAL'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {

        @Bean
        TransStore myStore() {
            return mock(TransStore.class);
        }

    }

}
