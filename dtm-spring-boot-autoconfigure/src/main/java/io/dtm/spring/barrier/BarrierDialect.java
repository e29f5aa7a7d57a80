package io.dtm.spring.barrier;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL a database needs for the branch barrier and for local XA branches.
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

	public void xaStart(Connection connection, String xid) throws SQLException {
		throw new UnsupportedOperationException("XA branches need MySQL/MariaDB or PostgreSQL, not " + name());
	}

	/** Ends the local branch and prepares it. */
	public void xaPrepare(Connection connection, String xid) throws SQLException {
		throw new UnsupportedOperationException("XA branches need MySQL/MariaDB or PostgreSQL, not " + name());
	}

	/**
	 * Whether the session that prepared a branch cannot be used again until the branch ends (MySQL/MariaDB), so
	 * its connection must not go back to a pool.
	 */
	public boolean discardConnectionAfterPrepare() {
		return false;
	}

	/** Rolls back a local branch that failed before its prepare. */
	public void xaAbortLocal(Connection connection, String xid) throws SQLException {
		throw new UnsupportedOperationException("XA branches need MySQL/MariaDB or PostgreSQL, not " + name());
	}

	/** Phase 2: commits or rolls back a prepared branch; an unknown xid is no error. */
	public void xaPhase2(Connection connection, String xid, boolean commit) throws SQLException {
		throw new UnsupportedOperationException("XA branches need MySQL/MariaDB or PostgreSQL, not " + name());
	}

	protected static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	protected static String quoteXid(String xid) {
		if (!xid.matches("[A-Za-z0-9_.:@\\-]+")) {
			throw new IllegalArgumentException("xid may hold only letters, digits and _.:@- : " + xid);
		}
		return "'" + xid + "'";
	}

}
