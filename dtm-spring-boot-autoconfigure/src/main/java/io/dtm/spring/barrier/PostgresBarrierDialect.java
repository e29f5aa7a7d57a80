package io.dtm.spring.barrier;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL: {@code INSERT ... ON CONFLICT DO NOTHING}, and {@code PREPARE TRANSACTION} /
 * {@code COMMIT PREPARED} / {@code ROLLBACK PREPARED} (the server needs max_prepared_transactions > 0).
 */
public class PostgresBarrierDialect extends BarrierDialect {

	private static final String UNDEFINED_OBJECT = "42704";

	@Override
	public String name() {
		return "postgresql";
	}

	@Override
	public int insertIgnore(JdbcTemplate jdbc, String table, String transType, String gid, String branchId, String op,
			String barrierId, String reason) {
		return jdbc.update("INSERT INTO " + table + " " + COLUMNS + " ON CONFLICT DO NOTHING", transType, gid,
				branchId, op, barrierId, reason);
	}

	@Override
	public String createSchemaSql(String schema) {
		return "CREATE SCHEMA IF NOT EXISTS " + schema;
	}

	@Override
	public void xaStart(Connection connection, String xid) throws SQLException {
		quoteXid(xid);
		connection.setAutoCommit(false);
	}

	@Override
	public void xaPrepare(Connection connection, String xid) throws SQLException {
		execute(connection, "PREPARE TRANSACTION " + quoteXid(xid));
		connection.setAutoCommit(true);
	}

	@Override
	public void xaAbortLocal(Connection connection, String xid) throws SQLException {
		connection.rollback();
		connection.setAutoCommit(true);
	}

	@Override
	public void xaPhase2(Connection connection, String xid, boolean commit) throws SQLException {
		connection.setAutoCommit(true);
		try {
			execute(connection, (commit ? "COMMIT PREPARED " : "ROLLBACK PREPARED ") + quoteXid(xid));
		}
		catch (SQLException ex) {
			if (!UNDEFINED_OBJECT.equals(ex.getSQLState()) && !String.valueOf(ex.getMessage()).contains("does not exist")) {
				throw ex;
			}
		}
	}

}
