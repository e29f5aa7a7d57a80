package io.dtm.coordinator.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import io.dtm.protocol.TransBranch;

/**
 * An append caught between its lock of the global row and its commit, as another
 * coordinator's append would be: a connection of its own that locked the global row and
 * inserted branch rows, not yet committed. It can tell how many other sessions wait for
 * one of its locks.
 */
final class PendingAppend implements AutoCloseable {

    private final Connection connection;

    private final String waitingQuery;

    private boolean committed;

    private PendingAppend(Connection connection, String waitingQuery) {
        this.connection = connection;
        this.waitingQuery = waitingQuery;
    }

    /**
     * @param waitingQuery one count: the sessions waiting for a lock this connection
     * holds
     */
    static PendingAppend begin(String url, String user, String password, String gid, List<TransBranch> rows,
            String waitingQuery) throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        try {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM trans_global WHERE gid = ? FOR UPDATE")) {
                lock.setString(1, gid);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no global " + gid);
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO trans_branch_op (gid, url, bin_data, "
                    + "branch_id, op, status, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (TransBranch b : rows) {
                    insert.setString(1, gid);
                    insert.setString(2, b.getUrl());
                    insert.setBytes(3, b.getBinData());
                    insert.setString(4, b.getBranchId());
                    insert.setString(5, b.getOp());
                    insert.setString(6, b.getStatus().wireName());
                    insert.setTimestamp(7, Timestamp.from(b.getCreateTime()));
                    insert.setTimestamp(8, Timestamp.from(b.getCreateTime()));
                    insert.executeUpdate();
                }
            }
            return new PendingAppend(c, waitingQuery);
        }
        catch (SQLException | RuntimeException ex) {
            c.close();
            throw ex;
        }
    }

    /** How many other sessions wait for a lock this append holds. */
    long waiting() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(waitingQuery); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void commit() throws SQLException {
        connection.commit();
        committed = true;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!committed) {
                connection.rollback();
            }
        }
        finally {
            connection.close();
        }
    }

}
