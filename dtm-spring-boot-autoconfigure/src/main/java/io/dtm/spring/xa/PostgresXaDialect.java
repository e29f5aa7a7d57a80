package io.dtm.spring.xa;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL: {@code PREPARE TRANSACTION} / {@code COMMIT PREPARED} /
 * {@code ROLLBACK PREPARED} (the server needs max_prepared_transactions > 0).
 */
class PostgresXaDialect extends XaDialect {

    private static final String UNDEFINED_OBJECT = "42704";

    PostgresXaDialect() {
        super("postgresql");
    }

    @Override
    void start(Connection connection, String xid) throws SQLException {
        quoteXid(xid);
        connection.setAutoCommit(false);
    }

    @Override
    void prepare(Connection connection, String xid) throws SQLException {
        execute(connection, "PREPARE TRANSACTION " + quoteXid(xid));
        connection.setAutoCommit(true);
    }

    @Override
    void abortLocal(Connection connection, String xid) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    @Override
    void phase2(Connection connection, String xid, boolean commit) throws SQLException {
        connection.setAutoCommit(true);
        try {
            execute(connection, (commit ? "COMMIT PREPARED " : "ROLLBACK PREPARED ") + quoteXid(xid));
        }
        catch (SQLException ex) {
            if (!UNDEFINED_OBJECT.equals(ex.getSQLState())
                    && !String.valueOf(ex.getMessage()).contains("does not exist")) {
                throw ex;
            }
        }
    }

}
