package io.dtm.spring.xa;

import java.sql.Connection;
import java.sql.SQLException;

/** MySQL and MariaDB: {@code XA START/END/PREPARE/COMMIT/ROLLBACK}. */
class MySqlXaDialect extends XaDialect {

    private static final int XAER_NOTA = 1397;

    MySqlXaDialect() {
        super("mysql");
    }

    @Override
    void start(Connection connection, String xid) throws SQLException {
        connection.setAutoCommit(true);
        execute(connection, "XA START " + quoteXid(xid));
    }

    @Override
    void prepare(Connection connection, String xid) throws SQLException {
        execute(connection, "XA END " + quoteXid(xid));
        execute(connection, "XA PREPARE " + quoteXid(xid));
    }

    @Override
    boolean discardConnectionAfterPrepare() {
        return true;
    }

    @Override
    void abortLocal(Connection connection, String xid) throws SQLException {
        try {
            execute(connection, "XA END " + quoteXid(xid));
        }
        catch (SQLException ex) {
            // already ended (the prepare itself failed): go on to the rollback
        }
        execute(connection, "XA ROLLBACK " + quoteXid(xid));
    }

    @Override
    void phase2(Connection connection, String xid, boolean commit) throws SQLException {
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
