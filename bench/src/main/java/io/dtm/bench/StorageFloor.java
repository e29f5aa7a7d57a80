package io.dtm.bench;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The least storage work one 2-branch saga needs, done directly: save the global with its
 * four branch rows in one transaction, record each action's success while holding the
 * global row, and write the final status. This is what the coordinator's throughput is
 * compared with.
 */
interface StorageFloor extends AutoCloseable {

    void oneTransaction();

    @Override
    default void close() {
    }

    static StorageFloor jdbc(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return () -> {
            String gid = "floor-" + UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO trans_global (gid, trans_type, status, query_prepared, protocol, create_time, "
                        + "update_time, options, custom_data, next_cron_interval, next_cron_time, owner, ext_data, "
                        + "result, rollback_reason) VALUES (?, 'saga', 'submitted', '', 'http', ?, ?, '{}', '', 10, ?, "
                        + "'', '', '', '')", gid, now, now, now);
                jdbc.batchUpdate(
                        "INSERT INTO trans_branch_op (gid, url, bin_data, branch_id, op, status, create_time, "
                                + "update_time) VALUES (?, 'http://x', ?, ?, ?, 'prepared', ?, ?)",
                        List.of(new Object[] { gid, new byte[] { '{', '}' }, "01", "compensate", now, now },
                                new Object[] { gid, new byte[] { '{', '}' }, "01", "action", now, now },
                                new Object[] { gid, new byte[] { '{', '}' }, "02", "compensate", now, now },
                                new Object[] { gid, new byte[] { '{', '}' }, "02", "action", now, now }));
            });
            for (String branch : new String[] { "01", "02" }) {
                tx.executeWithoutResult(s -> {
                    jdbc.queryForList("SELECT id FROM trans_global WHERE gid = ? AND status = 'submitted' FOR UPDATE",
                            gid);
                    jdbc.update("UPDATE trans_branch_op SET status = 'succeed', finish_time = ?, update_time = ? "
                            + "WHERE gid = ? AND branch_id = ? AND op = 'action'", now, now, gid, branch);
                });
            }
            jdbc.update("UPDATE trans_global SET status = 'succeed', finish_time = ?, update_time = ? WHERE gid = ? "
                    + "AND status = 'submitted'", now, now, gid);
        };
    }

    /**
     * The same writes as single commands (no scripts): global, branches, each branch
     * result, the end, a TTL.
     */
    static StorageFloor redis(String url) {
        RedisClient client = RedisClient.create(url);
        var connection = client.connect();
        RedisCommands<String, String> redis = connection.sync();
        return new StorageFloor() {
            @Override
            public void oneTransaction() {
                String gid = "floor-" + UUID.randomUUID();
                String p = "{floor}";
                redis.set(p + "_g_" + gid, "{\"gid\":\"" + gid + "\",\"status\":\"submitted\"}");
                redis.rpush(p + "_b_" + gid, "{\"op\":\"compensate\"}", "{\"op\":\"action\"}",
                        "{\"op\":\"compensate\"}", "{\"op\":\"action\"}");
                redis.lset(p + "_b_" + gid, 1, "{\"op\":\"action\",\"status\":\"succeed\"}");
                redis.lset(p + "_b_" + gid, 3, "{\"op\":\"action\",\"status\":\"succeed\"}");
                redis.set(p + "_g_" + gid, "{\"gid\":\"" + gid + "\",\"status\":\"succeed\"}");
                redis.expire(p + "_g_" + gid, 60);
            }

            @Override
            public void close() {
                connection.close();
                client.shutdown();
            }
        };
    }

}
