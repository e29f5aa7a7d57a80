package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.dtm.coordinator.autoconfigure.DtmCoordinatorJdbcStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorStoreAutoConfiguration;
import io.dtm.coordinator.store.TransStore;
import io.dtm.spring.autoconfigure.DtmBarrierAutoConfiguration;

/**
 * The embedded coordinator keeps its store to itself: the application's DataSource is the
 * one it configures, or the embedded one Spring Boot makes when H2 is on the classpath,
 * never the coordinator's.
 */
class EmbeddedCoordinatorDataSourceTests {

    private static final String STORE_URL = "jdbc:h2:mem:coordinator-store;DB_CLOSE_DELAY=-1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(DataSourceAutoConfiguration.class, DtmCoordinatorJdbcStoreAutoConfiguration.class,
                        DtmCoordinatorStoreAutoConfiguration.class, DtmBarrierAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.jdbc.url=" + STORE_URL);

    @Test
    void theApplicationsConfiguredDataSourceStaysItsOwn() {
        this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:app-configured;DB_CLOSE_DELAY=-1")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(TransStore.class);
                assertThat(urls(context)).containsExactly("jdbc:h2:mem:app-configured");
            });
    }

    @Test
    void withoutADataSourceTheCoordinatorsStoreIsNotExposedAsOne() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(TransStore.class);
            // Spring Boot's own embedded database for the application, as without dtm
            assertThat(urls(context)).singleElement()
                .asString()
                .startsWith("jdbc:h2:mem:")
                .doesNotContain("coordinator-store");
        });
    }

    private static List<String> urls(AssertableApplicationContext context) throws SQLException {
        List<String> urls = new ArrayList<>();
        for (DataSource dataSource : context.getBeansOfType(DataSource.class).values()) {
            try (Connection connection = dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                urls.add(url.contains(";") ? url.substring(0, url.indexOf(';')) : url);
            }
        }
        return urls;
    }

}
