package io.dtm.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The databases of a run, all on 127.0.0.1: the coordinators' store ({@value #STORE_DB}
 * on MariaDB or PostgreSQL, or the keys under {@value #REDIS_PREFIX} on Redis) and the
 * bank's database ({@value #BANK_DB}). Both are recreated empty at the start of every
 * run.
 */
final class Databases {

    static final String STORE_DB = "dtm_chaos";
    static final String BANK_DB = "dtm_chaos_bank";

    /**
     * Hash-tagged like the coordinator's default, so a cluster would keep it in one slot.
     */
    static final String REDIS_PREFIX = "{dtm_chaos}";

    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private Databases() {
    }

    static void recreateStore(ChaosSettings s) throws SQLException {
        switch (s.store()) {
            case "mysql" -> recreate("mysql", STORE_DB);
            case "postgres" -> recreate("postgres", STORE_DB);
            default -> deleteRedisKeys();
        }
    }

    static void recreateBank(ChaosSettings s) throws SQLException {
        recreate(s.bankDb(), BANK_DB);
    }

    private static void recreate(String kind, String db) throws SQLException {
        if (kind.equals("mysql")) {
            try (Connection c = DriverManager.getConnection(MARIADB, "dtm", "dtm");
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
                st.execute("CREATE DATABASE " + db);
            }
        }
        else {
            try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + db);
            }
        }
    }

    private static void deleteRedisKeys() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(REDIS_PREFIX + "*").limit(1000);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, match);
                List<String> keys = page.getKeys();
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(String[]::new));
                }
                cursor = page;
            }
            while (!cursor.isFinished());
        }
        finally {
            client.shutdown();
        }
    }

    /** Spring properties of the bank's DataSource. */
    static Map<String, Object> bankDataSource(ChaosSettings s) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (s.bankDb().equals("mysql")) {
            props.put("spring.datasource.url", MARIADB + BANK_DB);
            props.put("spring.datasource.username", "dtm");
            props.put("spring.datasource.password", "dtm");
        }
        else {
            props.put("spring.datasource.url", POSTGRES + BANK_DB);
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
        }
        return props;
    }

    /** Environment variables that point a coordinator at the run's store. */
    static Map<String, String> storeEnv(ChaosSettings s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DTM_COORDINATOR_STORE_TYPE", s.store());
        switch (s.store()) {
            case "mysql" -> {
                env.put("DTM_COORDINATOR_STORE_JDBC_URL", MARIADB + STORE_DB);
                env.put("DTM_COORDINATOR_STORE_JDBC_USERNAME", "dtm");
                env.put("DTM_COORDINATOR_STORE_JDBC_PASSWORD", "dtm");
                env.put("DTM_COORDINATOR_STORE_JDBC_INITIALIZE_SCHEMA", "always");
            }
            case "postgres" -> {
                env.put("DTM_COORDINATOR_STORE_JDBC_URL", POSTGRES + STORE_DB);
                env.put("DTM_COORDINATOR_STORE_JDBC_USERNAME", "postgres");
                env.put("DTM_COORDINATOR_STORE_JDBC_PASSWORD", "");
                env.put("DTM_COORDINATOR_STORE_JDBC_INITIALIZE_SCHEMA", "always");
            }
            default -> {
                env.put("DTM_COORDINATOR_STORE_REDIS_URL", "redis://127.0.0.1:6379");
                env.put("DTM_COORDINATOR_STORE_REDIS_PREFIX", REDIS_PREFIX);
            }
        }
        return env;
    }

}
