package io.dtm.spring.barrier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL: {@code INSERT ... ON CONFLICT DO NOTHING}.
 */
public class PostgresBarrierDialect extends BarrierDialect {

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public int insertIgnore(JdbcTemplate jdbc, String table, String transType, String gid, String branchId, String op,
            String barrierId, String reason) {
        return jdbc.update("INSERT INTO " + table + " " + COLUMNS + " ON CONFLICT DO NOTHING", transType, gid, branchId,
                op, barrierId, reason);
    }

    @Override
    public String createSchemaSql(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + schema;
    }

}
