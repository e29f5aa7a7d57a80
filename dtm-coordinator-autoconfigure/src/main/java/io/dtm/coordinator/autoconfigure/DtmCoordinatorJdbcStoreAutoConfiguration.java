package io.dtm.coordinator.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.coordinator.store.jdbc.JdbcTransStore;

/**
 * The coordinator's JDBC store (H2, MySQL/MariaDB, PostgreSQL) when
 * {@code dtm.coordinator.store.type} names one of them or is not set, on a connection
 * pool of its own: it never uses or replaces the application's DataSource. A database
 * whose driver is not on the classpath fails startup, naming the dependency to add.
 */
@AutoConfiguration(before = DtmCoordinatorStoreAutoConfiguration.class)
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@ConditionalOnClass(JdbcTransStore.class)
@Conditional(OnStoreTypeCondition.Jdbc.class)
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public final class DtmCoordinatorJdbcStoreAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DtmCoordinatorJdbcStoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(TransStore.class)
    TransStore dtmTransStore(DtmCoordinatorProperties properties, ResourceLoader resourceLoader,
            Environment environment) {
        DtmCoordinatorProperties.Store store = properties.getStore();
        String type = OnStoreTypeCondition.type(store.getType());
        JdbcDialect dialect = JdbcDialect.fromStoreType(type);
        DtmCoordinatorProperties.Jdbc jdbc = store.getJdbc();
        String url = StringUtils.hasText(jdbc.getUrl()) ? jdbc.getUrl()
                : (dialect == JdbcDialect.H2) ? defaultH2Url(jdbc.getDefaultH2(), environment) : null;
        requireDriver(type, dialect, jdbc.getUrl(), resourceLoader.getClassLoader());
        TransStore created = JdbcStoreFactory.create(dialect, url, jdbc.getUsername(), jdbc.getPassword(),
                jdbc.getMaxPoolSize(), initializesSchema(jdbc.getInitializeSchema(), dialect));
        log.info("The dtm coordinator keeps its transactions in a {} store at {}", type, StoreUrls.withoutSecrets(url));
        return created;
    }

    private static String defaultH2Url(DtmCoordinatorProperties.DefaultH2 defaultH2, Environment environment) {
        String applicationName = environment.getProperty("spring.application.name");
        if (defaultH2 == DtmCoordinatorProperties.DefaultH2.FILE) {
            return DefaultH2Store.url(applicationName);
        }
        DefaultH2Store.warnInMemory(applicationName);
        return DefaultH2Store.inMemoryUrl();
    }

    /**
     * {@code embedded} means an H2 store, in memory or on a file, as for the client's
     * barrier table.
     */
    static boolean initializesSchema(DatabaseInitializationMode mode, JdbcDialect dialect) {
        return switch (mode == null ? DatabaseInitializationMode.EMBEDDED : mode) {
            case ALWAYS -> true;
            case EMBEDDED -> dialect == JdbcDialect.H2;
            case NEVER -> false;
        };
    }

    private static void requireDriver(String type, JdbcDialect dialect, String url, ClassLoader classLoader) {
        if (StringUtils.hasText(url)) {
            StoreDriver driver = StoreDriver.forJdbcUrl(url);
            if (driver == StoreDriver.MYSQL && StoreDriver.MARIADB.isPresent(classLoader)
                    && url.contains("permitMysqlScheme")) {
                // MariaDB's driver takes jdbc:mysql: URLs when they ask for it
                return;
            }
            if (driver != null) {
                driver.require(type, classLoader);
            }
            return;
        }
        // MySQL without a URL: there is nothing to connect to yet; JdbcStoreFactory asks
        // for one
        if (dialect == JdbcDialect.H2) {
            StoreDriver.H2.require(type, classLoader);
        }
        else if (dialect == JdbcDialect.POSTGRES) {
            StoreDriver.POSTGRESQL.require(type, classLoader);
        }
    }

}
