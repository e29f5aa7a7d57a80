package io.dtm.spring.annotation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The real databases on 127.0.0.1 that the signed end-to-end tests use, as the
 * coordinator's tests reach them: MariaDB on 3306 (root without a password, or
 * DTM_TEST_MYSQL_USER / DTM_TEST_MYSQL_PASSWORD; scripts/test.sh sets dtm/dtm),
 * PostgreSQL on 5432 in database {@code test} (postgres with trust, or DTM_TEST_PG_USER /
 * DTM_TEST_PG_PASSWORD) and Redis on 6379.
 */
final class SignedStores {

    static final String MYSQL = "jdbc:mariadb://127.0.0.1:3306/";

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    static final String REDIS = "redis://127.0.0.1:6379";

    private SignedStores() {
    }

    static String mysqlUser() {
        return env("DTM_TEST_MYSQL_USER", "root");
    }

    static String mysqlPassword() {
        return env("DTM_TEST_MYSQL_PASSWORD", "");
    }

    static String pgUser() {
        return env("DTM_TEST_PG_USER", "postgres");
    }

    static String pgPassword() {
        return env("DTM_TEST_PG_PASSWORD", "");
    }

    /** Drops and creates {@code database} on MariaDB; returns its URL. */
    static String freshMysqlDatabase(String database) {
        mysql("DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database + " DEFAULT CHARACTER SET utf8mb4");
        return MYSQL + database;
    }

    /** Creates {@code database} on MariaDB if it is missing; returns its URL. */
    static String mysqlDatabase(String database) {
        mysql("CREATE DATABASE IF NOT EXISTS " + database + " DEFAULT CHARACTER SET utf8mb4");
        return MYSQL + database;
    }

    /**
     * Drops and creates {@code schema} in PostgreSQL's database {@code test}; returns a
     * URL that uses it.
     */
    static String freshPostgresSchema(String schema) {
        postgres("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        return POSTGRES + "?currentSchema=" + schema;
    }

    /**
     * Creates {@code schema} in PostgreSQL's database {@code test} if it is missing;
     * returns a URL that uses it.
     */
    static String postgresSchema(String schema) {
        postgres("CREATE SCHEMA IF NOT EXISTS " + schema);
        return POSTGRES + "?currentSchema=" + schema;
    }

    private static void mysql(String... statements) {
        sql(MYSQL, mysqlUser(), mysqlPassword(), statements);
    }

    private static void postgres(String... statements) {
        sql(POSTGRES, pgUser(), pgPassword(), statements);
    }

    private static void sql(String url, String user, String password, String... statements) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot prepare the test database at " + url + " as " + user + ": "
                    + ex.getMessage() + " (scripts/services.sh starts the databases and creates the MariaDB user "
                    + "dtm/dtm: set DTM_TEST_MYSQL_USER and DTM_TEST_MYSQL_PASSWORD; other PostgreSQL accounts: "
                    + "DTM_TEST_PG_USER and DTM_TEST_PG_PASSWORD)", ex);
        }
    }

    /** Deletes every Redis key that starts with {@code prefix}. */
    static void deleteRedisKeys(String prefix) {
        String pattern = prefix.replace("{", "\\{").replace("}", "\\}") + "*";
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync()
                    .scan(cursor, ScanArgs.Builder.matches(pattern).limit(500));
                if (!page.getKeys().isEmpty()) {
                    connection.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            }
            while (!cursor.isFinished());
        }
        finally {
            client.shutdown();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return (value == null || value.isEmpty()) ? fallback : value;
    }

}
