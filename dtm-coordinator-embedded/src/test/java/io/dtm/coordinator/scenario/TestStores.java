package io.dtm.coordinator.scenario;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Points a test coordinator at the store named by the system property
 * {@code dtm.test.store} (h2 by default; mysql, postgres or redis run the same scenarios
 * against the real databases on 127.0.0.1). Each named store is emptied once per test
 * run, so transactions left by an earlier run never reach this one's pollers.
 */
public final class TestStores {

    private static final Set<String> RESET = ConcurrentHashMap.newKeySet();

    private TestStores() {
    }

    public static String current() {
        return System.getProperty("dtm.test.store", "h2");
    }

    private static String mysqlUser() {
        return io.dtm.coordinator.store.TestStores.mysqlUser();
    }

    private static String mysqlPassword() {
        return io.dtm.coordinator.store.TestStores.mysqlPassword();
    }

    public static void register(DynamicPropertyRegistry registry, String name) {
        String store = current();
        if (RESET.add(store + "/" + name)) {
            reset(store, name);
        }
        registry.add("dtm.coordinator.store.type", () -> store);
        registry.add("dtm.coordinator.store.jdbc.initialize-schema", () -> "always");
        // the suite keeps up to 5 contexts open (spring.properties); with the default
        // pool of 32
        // they would go past PostgreSQL's default 100 connections
        registry.add("dtm.coordinator.store.jdbc.max-pool-size", () -> "12");
        switch (store) {
            case "h2" ->
                registry.add("dtm.coordinator.store.jdbc.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            case "mysql" -> {
                registry.add("dtm.coordinator.store.jdbc.url", () -> "jdbc:mariadb://127.0.0.1:3306/dtm_" + name);
                registry.add("dtm.coordinator.store.jdbc.username", TestStores::mysqlUser);
                registry.add("dtm.coordinator.store.jdbc.password", TestStores::mysqlPassword);
            }
            case "postgres" -> {
                registry.add("dtm.coordinator.store.jdbc.url",
                        () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=dtm_" + name);
                registry.add("dtm.coordinator.store.jdbc.username", () -> "postgres");
            }
            case "redis" -> {
                registry.add("dtm.coordinator.store.redis.url", () -> "redis://127.0.0.1:6379");
                registry.add("dtm.coordinator.store.redis.prefix", () -> "{" + name + "}");
            }
            default -> throw new IllegalArgumentException(
                    "unknown dtm.test.store " + store + ": use h2, mysql, postgres or redis");
        }
    }

    private static void reset(String store, String name) {
        switch (store) {
            case "mysql" -> sql("jdbc:mariadb://127.0.0.1:3306/", mysqlUser(), mysqlPassword(),
                    "DROP DATABASE IF EXISTS dtm_" + name, "CREATE DATABASE dtm_" + name);
            case "postgres" -> sql("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null,
                    "DROP SCHEMA IF EXISTS dtm_" + name + " CASCADE", "CREATE SCHEMA dtm_" + name);
            case "redis" -> deleteRedisKeys("{" + name + "}*");
            default -> {
            }
        }
    }

    private static void sql(String url, String user, String password, String... statements) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot prepare the test store at " + url + " as " + user + ": "
                    + ex.getMessage() + " (scripts/services.sh starts the databases and creates the user)", ex);
        }
    }

    private static void deleteRedisKeys(String pattern) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
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

}
