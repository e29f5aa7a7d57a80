package io.dtm.coordinator.autoconfigure;

import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.StringUtils;

import io.dtm.coordinator.store.CoordinatorStoreException;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.coordinator.store.redis.RedisTransStore;

/**
 * Creates the store named by {@code dtm.coordinator.store.type}, after checking that its
 * client library is on the classpath.
 */
public final class TransStores {

    private static final String TYPES = "h2, mysql (also MariaDB), postgres or redis";

    private TransStores() {
    }

    public static TransStore create(DtmCoordinatorProperties.Store store) {
        return create(store, TransStores.class.getClassLoader());
    }

    /**
     * @param classLoader where the store's driver must be found
     * @throws CoordinatorStoreException when the type is unknown, the driver is missing
     * or the store cannot be used
     */
    public static TransStore create(DtmCoordinatorProperties.Store store, ClassLoader classLoader) {
        return create(store, classLoader, null);
    }

    /**
     * @param url the store's URL, {@code null} for the configured one
     */
    static TransStore create(DtmCoordinatorProperties.Store store, ClassLoader classLoader, String url) {
        String type = type(store);
        if ("redis".equals(type)) {
            DtmCoordinatorProperties.Redis redis = store.getRedis();
            requireDriver(type, StoreDriver.LETTUCE, classLoader);
            return RedisTransStore.create(redis.getUrl(), redis.getUsername(), redis.getPassword(), redis.getPrefix(),
                    redis.getDataExpire(), redis.getFinishedDataExpire());
        }
        JdbcDialect dialect = jdbcDialect(store.getType(), type);
        DtmCoordinatorProperties.Jdbc jdbc = store.getJdbc();
        requireJdbcDriver(type, dialect, jdbc.getUrl(), classLoader);
        String jdbcUrl = StringUtils.hasText(jdbc.getUrl()) ? jdbc.getUrl() : url;
        return JdbcStoreFactory.create(dialect, jdbcUrl, jdbc.getUsername(), jdbc.getPassword(), jdbc.getMaxPoolSize(),
                initializesSchema(jdbc.getInitializeSchema(), dialect));
    }

    /** The store type, in lower case: h2 when none is set. */
    static String type(DtmCoordinatorProperties.Store store) {
        return store.getType() == null ? "h2" : store.getType().trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The URL the store of this type opens: the configured one, or for H2 the default
     * file {@code defaultH2} gives, or for mysql and postgres {@code null} (they need
     * one).
     */
    static String url(DtmCoordinatorProperties.Store store, String type, Supplier<String> defaultH2) {
        if ("redis".equals(type)) {
            return store.getRedis().getUrl();
        }
        String url = store.getJdbc().getUrl();
        if (StringUtils.hasText(url)) {
            return url;
        }
        return "h2".equals(type) ? defaultH2.get() : null;
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

    private static JdbcDialect jdbcDialect(String configured, String type) {
        try {
            return JdbcDialect.fromStoreType(type);
        }
        catch (IllegalArgumentException ex) {
            throw new CoordinatorStoreException("Unsupported store type '" + configured + "'.",
                    "Set dtm.coordinator.store.type to " + TYPES + ".");
        }
    }

    private static void requireJdbcDriver(String type, JdbcDialect dialect, String url, ClassLoader classLoader) {
        if (StringUtils.hasText(url)) {
            StoreDriver driver = StoreDriver.forJdbcUrl(url);
            if (driver == StoreDriver.MYSQL && StoreDriver.MARIADB.isPresent(classLoader)
                    && url.contains("permitMysqlScheme")) {
                // MariaDB's driver takes jdbc:mysql: URLs when they ask for it
                return;
            }
            if (driver != null) {
                requireDriver(type, driver, classLoader);
            }
            return;
        }
        // MySQL without a URL: there is nothing to connect to yet; JdbcStoreFactory asks
        // for one
        if (dialect == JdbcDialect.H2) {
            requireDriver(type, StoreDriver.H2, classLoader);
        }
        else if (dialect == JdbcDialect.POSTGRES) {
            requireDriver(type, StoreDriver.POSTGRESQL, classLoader);
        }
    }

    private static void requireDriver(String type, StoreDriver driver, ClassLoader classLoader) {
        if (!driver.isPresent(classLoader)) {
            throw new CoordinatorStoreException(
                    "dtm.coordinator.store.type=" + type + " needs the " + driver.description() + " ("
                            + driver.className() + "), which is not on the classpath.",
                    "Add " + driver.dependency() + " to the application's dependencies.");
        }
    }

}
