package io.dtm.spring.barrier;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MySQL and MariaDB: {@code INSERT IGNORE}, and {@code XA START/END/PREPARE/COMMIT/ROLLBACK}.
 */
public class MySqlBarrierDialect extends BarrierDialect {

	private static final int XAER_NOTA = 1397;

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

	@Override
	public void xaStart(Connection connection, String xid) throws SQLException {
		connection.setAutoCommit(true);
		execute(connection, "XA START " + quoteXid(xid));
	}

	@Override
	public void xaPrepare(Connection connection, String xid) throws SQLException {
		execute(connection, "XA END " + quoteXid(xid));
		execute(connection, "XA PREPARE " + quoteXid(xid));
	}

	@Override
	public boolean discardConnectionAfterPrepare() {
		return true;
	}

	@Override
	public void xaAbortLocal(Connection connection, String xid) throws SQLException {
		try {
			execute(connection, "XA END " + quoteXid(xid));
		}
		catch (SQLException ex) {
			// already ended (the prepare itself failed): go on to the rollback
		}
		execute(connection, "XA ROLLBACK " + quoteXid(xid));
	}

	@Override
	public void xaPhase2(Connection connection, String xid, boolean commit) throws SQLException {
		try {
			execute(connection, (commit ? "XA COMMIT " : "XA ROLLBACK ") + quoteXid(xid));
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() != XAER_NOTA && !String.valueOf(ex.getMessage()).contains("XAER_NOTA")) {
				throw ex;
			}
		}
	}

}
