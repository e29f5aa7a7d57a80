package io.dtm.spring.barrier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2: a plain insert whose unique violation means "already there"; H2 rolls back only the failed statement.
 */
public class H2BarrierDialect extends BarrierDialect {

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
			return 0;
		}
	}

	@Override
	public String createSchemaSql(String schema) {
		return "CREATE SCHEMA IF NOT EXISTS " + schema;
	}

}
