package io.dtm.spring.barrier;

import io.dtm.protocol.DtmOngoingException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2: a plain insert whose unique violation means "already there" (H2 rolls back only the
 * failed statement). H2 does not wait for a concurrent transaction that holds the same
 * key uncommitted; it fails at once. Then the row is not visible yet, and the answer is
 * ONGOING, so that the caller retries once that transaction ended.
 */
public class H2BarrierDialect extends BarrierDialect {

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public int insertIgnore(JdbcTemplate jdbc, String table, String transType, String gid, String branchId, String op,
            String barrierId, String reason) {
        try {
            return jdbc.update("INSERT INTO " + table + " " + COLUMNS, transType, gid, branchId, op, barrierId, reason);
        }
        catch (DuplicateKeyException ex) {
            Integer visible = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM " + table + " WHERE gid = ? AND branch_id = ? AND op = ? AND barrier_id = ?",
                    Integer.class, gid, branchId, op, barrierId);
            if (visible == null || visible == 0) {
                throw new DtmOngoingException(
                        "barrier " + gid + " " + branchId + " " + op + " is held by a transaction in progress");
            }
            return 0;
        }
    }

    @Override
    public String createSchemaSql(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + schema;
    }

}
