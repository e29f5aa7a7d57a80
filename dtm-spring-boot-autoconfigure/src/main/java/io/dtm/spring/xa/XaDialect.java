package io.dtm.spring.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.dtm.spring.barrier.BarrierDialect;
import io.dtm.spring.barrier.MySqlBarrierDialect;
import io.dtm.spring.barrier.PostgresBarrierDialect;

/**
 * The SQL of a local XA branch on one database. This base class is the database without
 * XA branches: every step is refused.
 */
class XaDialect {

    private final String database;

    XaDialect(String database) {
        this.database = database;
    }

    /** The XA SQL of the database whose barrier SQL is {@code barrierDialect}. */
    static XaDialect of(BarrierDialect barrierDialect) {
        if (barrierDialect instanceof MySqlBarrierDialect) {
            return new MySqlXaDialect();
        }
        if (barrierDialect instanceof PostgresBarrierDialect) {
            return new PostgresXaDialect();
        }
        return new XaDialect(barrierDialect.name());
    }

    void start(Connection connection, String xid) throws SQLException {
        throw unsupported();
    }

    /** Ends the local branch and prepares it. */
    void prepare(Connection connection, String xid) throws SQLException {
        throw unsupported();
    }

    /**
     * Whether the session that prepared a branch cannot be used again until the branch
     * ends (MySQL/MariaDB), so its connection must not go back to a pool.
     */
    boolean discardConnectionAfterPrepare() {
        return false;
    }

    /** Rolls back a local branch that failed before its prepare. */
    void abortLocal(Connection connection, String xid) throws SQLException {
        throw unsupported();
    }

    /** Phase 2: commits or rolls back a prepared branch; an unknown xid is no error. */
    void phase2(Connection connection, String xid, boolean commit) throws SQLException {
        throw unsupported();
    }

    private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("XA branches need MySQL/MariaDB or PostgreSQL, not " + database);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String quoteXid(String xid) {
        if (!xid.matches("[A-Za-z0-9_.:@\\-]+")) {
            throw new IllegalArgumentException("xid may hold only letters, digits and _.:@- : " + xid);
        }
        return "'" + xid + "'";
    }

}
