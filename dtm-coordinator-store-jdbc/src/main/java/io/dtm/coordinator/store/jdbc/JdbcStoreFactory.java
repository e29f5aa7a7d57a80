package io.dtm.coordinator.store.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import io.dtm.coordinator.store.CoordinatorStoreException;

/**
 * Builds a JDBC store on a connection pool of its own, creating or checking dtm's tables.
 */
public final class JdbcStoreFactory {

    private JdbcStoreFactory() {
    }

    /**
     * The H2 store used when no URL is configured: a file under
     * {@code ${user.home}/.dtm/coordinator}. It outlives restarts and reboots (a
     * temporary directory may be cleaned), and stays out of the application's working
     * tree.
     */
    public static String defaultH2Url() {
        Path directory = Path.of(System.getProperty("user.home"), ".dtm", "coordinator");
        return "jdbc:h2:file:" + directory.resolve("dtm").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public static JdbcTransStore create(JdbcDialect dialect, @Nullable String url, String username, String password,
            int maxPoolSize, boolean initializeSchema) {
        return create(dialect, url, username, password, maxPoolSize, initializeSchema, UnaryOperator.identity());
    }

    /**
     * @param dataSourceWrapper wraps the pool the store runs its statements on, for
     * instance to count or trace them; the store still closes the pool itself
     */
    public static JdbcTransStore create(JdbcDialect dialect, @Nullable String url, String username, String password,
            int maxPoolSize, boolean initializeSchema, UnaryOperator<DataSource> dataSourceWrapper) {
        String jdbcUrl = url == null || url.isBlank() ? defaultUrl(dialect) : url;
        HikariConfig config = new HikariConfig();
        config.setPoolName("dtm-coordinator-store");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        dialect.dataSourceProperties().forEach(config::addDataSourceProperty);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        }
        catch (HikariPool.PoolInitializationException ex) {
            throw new CoordinatorStoreException(
                    "Cannot connect to the coordinator store " + jdbcUrl + " as '" + username + "': " + rootMessage(ex)
                            + ".",
                    "Check dtm.coordinator.store.jdbc.url, .username and "
                            + ".password, and that the database is running.",
                    ex);
        }
        try {
            if (initializeSchema) {
                new ResourceDatabasePopulator(new ClassPathResource(dialect.schemaLocation())).execute(dataSource);
            }
            else {
                requireTables(dataSource, jdbcUrl, dialect);
            }
            requireTimesReadAsWritten(dataSource, jdbcUrl, dialect);
            return new JdbcTransStore(dataSourceWrapper.apply(dataSource), dataSource, dialect);
        }
        catch (RuntimeException ex) {
            dataSource.close();
            throw ex;
        }
    }

    private static void requireTables(HikariDataSource dataSource, String url, JdbcDialect dialect) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : new String[] { "trans_global", "trans_branch_op", "kv" }) {
            try {
                jdbc.queryForList("SELECT id FROM " + table + " WHERE 1 = 0");
            }
            catch (DataAccessException ex) {
                throw new CoordinatorStoreException(
                        "The coordinator's table '" + table + "' is missing in " + url + ".",
                        "Create it with the script " + dialect.schemaLocation() + " (shipped in the coordinator "
                                + "jar), or start with dtm.coordinator.store.jdbc.initialize-schema=always.",
                        ex);
            }
        }
    }

    /**
     * The store writes its times as {@link JdbcDialect#timestampParameter} makes them; a
     * connection that converts them on the way back (a time zone of its own) would move
     * every deadline.
     */
    private static void requireTimesReadAsWritten(HikariDataSource dataSource, String url, JdbcDialect dialect) {
        Instant probe = Instant.parse("2000-01-02T03:04:05Z");
        Instant read = new JdbcTemplate(dataSource).queryForObject(dialect.timestampProbe(),
                (rs, n) -> dialect.readTimestamp(rs, "t"), dialect.timestampParameter(probe));
        if (!probe.equals(read)) {
            throw new CoordinatorStoreException(
                    "The connections of the coordinator store " + url + " read the time " + probe + " it wrote as "
                            + read + ": they convert times to a time zone of their own.",
                    "Keep the store's times in the coordinator's zone, as dtm does: remove connectionTimeZone "
                            + "(and preserveInstants) from dtm.coordinator.store.jdbc.url, or set it to the "
                            + "JVM's zone (" + ZoneId.systemDefault() + ").");
        }
    }

    private static String defaultUrl(JdbcDialect dialect) {
        String url = dialect.defaultUrl();
        if (url == null) {
            throw new CoordinatorStoreException(
                    "dtm.coordinator.store.jdbc.url is required for store type " + dialect.storeType() + ".",
                    "Set a JDBC URL such as jdbc:mariadb://127.0.0.1:3306/dtm.");
        }
        return url;
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

}
