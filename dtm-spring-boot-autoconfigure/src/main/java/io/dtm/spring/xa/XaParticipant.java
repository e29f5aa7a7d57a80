package io.dtm.spring.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.BranchRegistration;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransType;
import io.dtm.spring.barrier.BarrierDialect;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * The participant side of XA: runs the local work of the branch being handled in an XA
 * branch on a DataSource (MySQL/MariaDB {@code XA START/END/PREPARE}, PostgreSQL
 * {@code PREPARE TRANSACTION}), registers it with the coordinator for phase 2, and
 * handles phase 2 ({@link #phase2}) when the coordinator calls back. The branch is
 * registered with this service's own phase-2 endpoint rather than the initiator's
 * {@code phase2_url}, since only this service knows which DataSource holds the branch.
 * The xid is {@code <gid>-<branch_id>}, as in dtm.
 */
public class XaParticipant {

    private final DtmClient client;

    private final JdbcBarrier barrier;

    private final Supplier<String> phase2Url;

    private final Map<DataSource, XaDialect> dialects = new ConcurrentHashMap<>();

    public XaParticipant(DtmClient client, JdbcBarrier barrier, Supplier<String> phase2Url) {
        this.client = client;
        this.barrier = barrier;
        this.phase2Url = phase2Url;
    }

    /**
     * Runs {@code business} as the XA branch of the request being handled, on the default
     * DataSource.
     */
    public void xaLocal(XaLocalBusiness business) {
        xaLocal(this.barrier.defaultDataSource(), business);
    }

    public void xaLocal(DataSource dataSource, XaLocalBusiness business) {
        DtmTransaction transaction = DtmContextHolder.require();
        Assert.state(TransType.XA.is(transaction.transType()),
                () -> "xaLocal needs a bound xa transaction, found " + transaction.transType());
        Assert.state(!transaction.branchId().isEmpty(), "xaLocal needs a branch_id");
        BarrierDialect barrierDialect = this.barrier.dialect(dataSource);
        XaDialect dialect = dialect(dataSource);
        String xid = xid(transaction.gid(), transaction.branchId());
        Connection connection = null;
        boolean prepared = false;
        try {
            connection = dataSource.getConnection();
            dialect.start(connection, xid);
            TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(connection));
            try {
                JdbcTemplate jdbc = new JdbcTemplate(dataSource);
                String action = BranchOp.ACTION.wireName();
                int affected = barrierDialect.insertIgnore(jdbc, this.barrier.table(), TransType.XA.wireName(),
                        transaction.gid(), transaction.branchId(), action, BranchBarrier.MSG_BARRIER_ID, action);
                if (affected == 0) {
                    throw new DtmFailureException("xa branch " + xid + " was already rolled back or run");
                }
                business.execute(jdbc);
                String dtm = transaction.dtm().isEmpty() ? this.client.server() : transaction.dtm();
                this.client.registerBranch(dtm,
                        BranchRegistration.xa(transaction.gid(), transaction.branchId(), this.phase2Url.get()));
            }
            finally {
                TransactionSynchronizationManager.unbindResourceIfPossible(dataSource);
            }
            dialect.prepare(connection, xid);
            prepared = true;
        }
        catch (SQLException ex) {
            throw new DtmException("xa branch " + xid + " failed: " + ex.getMessage(), ex);
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new DtmException(ex.getMessage(), ex);
        }
        finally {
            if (connection != null) {
                if (!prepared) {
                    abortQuietly(dialect, connection, xid);
                }
                release(connection, prepared && dialect.discardConnectionAfterPrepare());
            }
        }
    }

    private static void release(Connection connection, boolean discard) {
        try {
            if (discard) {
                // the prepared branch lives on in the server after the session ends; a
                // pool must not reuse it
                connection.abort(Runnable::run);
            }
            connection.close();
        }
        catch (SQLException ex) {
            // an aborted connection may complain on close; the pool evicts it
        }
    }

    /** Phase 2 on the default DataSource: {@code op} is commit or rollback. */
    public void phase2(String gid, String branchId, String op) {
        phase2(this.barrier.defaultDataSource(), gid, branchId, op);
    }

    public void phase2(DataSource dataSource, String gid, String branchId, String op) {
        Assert.hasText(gid, "xa phase 2 needs a gid");
        Assert.hasText(branchId, "xa phase 2 needs a branch_id");
        boolean commit = BranchOp.COMMIT.is(op);
        Assert.isTrue(commit || BranchOp.ROLLBACK.is(op), () -> "xa phase 2 op must be commit or rollback: " + op);
        String xid = xid(gid, branchId);
        try (Connection connection = dataSource.getConnection()) {
            dialect(dataSource).phase2(connection, xid, commit);
        }
        catch (SQLException ex) {
            throw new DtmException("xa " + op + " of " + xid + " failed: " + ex.getMessage(), ex);
        }
        if (!commit) {
            // blocks a branch whose prepare arrives after this rollback
            this.barrier.insertIgnore(dataSource, TransType.XA.wireName(), gid, branchId, BranchOp.ACTION.wireName(),
                    BranchBarrier.MSG_BARRIER_ID, BranchOp.ROLLBACK.wireName());
        }
    }

    private XaDialect dialect(DataSource dataSource) {
        return this.dialects.computeIfAbsent(dataSource, (key) -> XaDialect.of(this.barrier.dialect(key)));
    }

    static String xid(String gid, String branchId) {
        return gid + "-" + branchId;
    }

    private static void abortQuietly(XaDialect dialect, Connection connection, String xid) {
        try {
            dialect.abortLocal(connection, xid);
        }
        catch (SQLException ex) {
            // the connection goes back to the pool; the database ends the branch with the
            // session
        }
    }

}
