package io.dtm.spring.barrier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MySQL and MariaDB: {@code INSERT IGNORE}.
 */
public class MySqlBarrierDialect extends BarrierDialect {

    @Override
    public String displayName() {
        return "MySQL/MariaDB";
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public int insertIgnore(JdbcTemplate jdbc, String table, String transType, String gid, String branchId, String op,
            String barrierId, String reason) {
        return jdbc.update("INSERT IGNORE INTO " + table + " " + COLUMNS, transType, gid, branchId, op, barrierId,
                reason);
    }

    @Override
    public String createSchemaSql(String schema) {
        return "CREATE DATABASE IF NOT EXISTS " + schema;
    }

}
