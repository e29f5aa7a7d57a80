package io.dtm.spring.barrier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL a database needs for the branch barrier.
 */
public abstract class BarrierDialect {

	static final String COLUMNS = "(trans_type, gid, branch_id, op, barrier_id, reason) VALUES (?, ?, ?, ?, ?, ?)";

	/** Short name, also the suffix of the DDL resource {@code schema-<name>.sql}. */
	public abstract String name();

	/** Inserts a barrier row unless one with the same (gid, branch_id, op, barrier_id) exists. */
	public abstract int insertIgnore(JdbcTemplate jdbc, String table, String transType, String gid, String branchId,
			String op, String barrierId, String reason);

	public abstract String createSchemaSql(String schema);

	public String ddlResource() {
		return "io/dtm/spring/barrier/schema-" + name() + ".sql";
	}

}
