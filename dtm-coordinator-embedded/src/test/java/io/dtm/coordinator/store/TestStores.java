package io.dtm.coordinator.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;

import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.coordinator.store.jdbc.JdbcTransStore;
import io.dtm.coordinator.store.redis.RedisTransStore;

/**
 * The real databases of the tests on 127.0.0.1 (no containers): MariaDB on 3306 as root
 * without a password, PostgreSQL on 5432 as postgres (trust) in database {@code test},
 * Redis on 6379. Other accounts can be given with the environment variables
 * DTM_TEST_MYSQL_USER / DTM_TEST_MYSQL_PASSWORD, DTM_TEST_PG_USER / DTM_TEST_PG_PASSWORD.
 */
public final class TestStores {

    public static final String MYSQL_HOST = "127.0.0.1:3306";

    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    public static final String REDIS_URL = "redis://127.0.0.1:6379";

    private TestStores() {
    }

    public static String mysqlUser() {
        return env("DTM_TEST_MYSQL_USER", "root");
    }

    public static String mysqlPassword() {
        return env("DTM_TEST_MYSQL_PASSWORD", "");
    }

    public static String pgUser() {
        return env("DTM_TEST_PG_USER", "postgres");
    }

    public static String pgPassword() {
        return env("DTM_TEST_PG_PASSWORD", "");
    }

    /**
     * Drops and creates {@code database} on MariaDB; returns its JDBC URL for the given
     * scheme (mariadb or mysql).
     */
    public static String freshMysqlDatabase(String database, String scheme) {
        String admin = "jdbc:mariadb://" + MYSQL_HOST + "/";
        try (Connection c = DriverManager.getConnection(admin, mysqlUser(), mysqlPassword());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
            st.execute("CREATE DATABASE " + database + " DEFAULT CHARACTER SET utf8mb4");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot prepare the test database '" + database + "' on MariaDB at "
                    + MYSQL_HOST + " as '" + mysqlUser() + "': " + ex.getMessage() + ". The tests need a running "
                    + "MariaDB (or MySQL) whose account may create databases: root without a password over TCP, or "
                    + "set DTM_TEST_MYSQL_USER and DTM_TEST_MYSQL_PASSWORD (.ci/run creates such a user).", ex);
        }
        return "jdbc:" + scheme + "://" + MYSQL_HOST + "/" + database;
    }

    /**
     * Drops and creates {@code schema} in PostgreSQL's database {@code test}; returns a
     * URL that uses it.
     */
    public static String freshPostgresSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, pgUser(), pgPassword());
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot prepare the test schema '" + schema + "' in " + PG_URL + " as '"
                    + pgUser() + "': " + ex.getMessage() + ". The tests need a running PostgreSQL with database "
                    + "'test' and an account that may create schemas (postgres with trust authentication, or set "
                    + "DTM_TEST_PG_USER and DTM_TEST_PG_PASSWORD).", ex);
        }
        return PG_URL + "?currentSchema=" + schema;
    }

    public static JdbcTransStore mysqlStore(String database, String scheme, int poolSize) {
        return JdbcStoreFactory.create(JdbcDialect.MYSQL, freshMysqlDatabase(database, scheme), mysqlUser(),
                mysqlPassword(), poolSize, true);
    }

    public static JdbcTransStore postgresStore(String schema, int poolSize) {
        return JdbcStoreFactory.create(JdbcDialect.POSTGRES, freshPostgresSchema(schema), pgUser(), pgPassword(),
                poolSize, true);
    }

    /** A prefix of its own, hash-tagged as the default {a} is. */
    public static String redisPrefix() {
        return "{t" + UUID.randomUUID().toString().substring(0, 8) + "}";
    }

    public static RedisTransStore redisStore(String prefix) {
        return RedisTransStore.create(REDIS_URL, null, null, prefix, java.time.Duration.ofDays(7),
                java.time.Duration.ofDays(1));
    }

    /** Deletes every key under {@code prefix}. */
    public static void deleteRedisKeys(String prefix) {
        RedisClient client = RedisClient.create(REDIS_URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator<String> it = ScanIterator.scan(c.sync(),
                    ScanArgs.Builder.matches(prefix.replace("{", "\\{").replace("}", "\\}") + "*").limit(1000));
            it.forEachRemaining(keys::add);
            for (int i = 0; i < keys.size(); i += 500) {
                c.sync().del(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
            }
        }
        finally {
            client.shutdown();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

}
