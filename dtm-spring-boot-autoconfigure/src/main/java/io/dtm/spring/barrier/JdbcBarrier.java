package io.dtm.spring.barrier;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.DtmDuplicatedException;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.DtmResult;
import io.dtm.protocol.TransType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The branch barrier on a JDBC database (dtm's {@code BranchBarrier.Call}): makes a
 * branch operation idempotent, turns a compensation whose original never ran into a no-op
 * (null compensation) and stops an original that arrives after its compensation
 * (anti-hanging), all in the business's local transaction. If a Spring transaction is
 * active on the DataSource, the barrier joins it; otherwise it runs its own.
 * <p>
 * A missing barrier table fails each call (a 500 reply, which the coordinator retries)
 * and is logged once per DataSource, with the statements that create it.
 */
public class JdbcBarrier {

    public static final String DEFAULT_TABLE = "dtm_barrier.barrier";

    private static final Log logger = LogFactory.getLog(JdbcBarrier.class);

    private final String table;

    private final DataSource defaultDataSource;

    private final Map<DataSource, BarrierDialect> dialects = new ConcurrentHashMap<>();

    private final Map<DataSource, TransactionTemplate> transactionTemplates = new ConcurrentHashMap<>();

    private final List<BarrierListener> listeners = new CopyOnWriteArrayList<>();

    private final Set<DataSource> reportedMissingTables = ConcurrentHashMap.newKeySet();

    private volatile Runnable firstUseCheck;

    public JdbcBarrier(String table, DataSource defaultDataSource) {
        Assert.isTrue(table != null && table.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)?"),
                () -> "dtm.barrier.table must be [schema.]table, got: " + table);
        this.table = table;
        this.defaultDataSource = defaultDataSource;
    }

    public String table() {
        return this.table;
    }

    public DataSource defaultDataSource() {
        Assert.state(this.defaultDataSource != null, "No default DataSource: pass the DataSource explicitly");
        return this.defaultDataSource;
    }

    /**
     * Runs {@code business} behind the barrier of the request being handled, on the
     * default DataSource.
     */
    public void call(BarrierBusiness business) {
        call(BranchBarrier.current(), defaultDataSource(), business);
    }

    /** Runs {@code business} behind the barrier of the request being handled. */
    public void call(DataSource dataSource, BarrierBusiness business) {
        call(BranchBarrier.current(), dataSource, business);
    }

    public void call(BranchBarrier barrier, DataSource dataSource, BarrierBusiness business) {
        inTransaction(dataSource, (jdbc) -> {
            BarrierDialect dialect = dialect(dataSource);
            String barrierId = barrier.nextBarrierId();
            String originOp = barrier.originOp();
            int originAffected = 0;
            if (!originOp.isEmpty()) {
                originAffected = dialect.insertIgnore(jdbc, this.table, barrier.transType(), barrier.gid(),
                        barrier.branchId(), originOp, barrierId, barrier.op());
            }
            int currentAffected = dialect.insertIgnore(jdbc, this.table, barrier.transType(), barrier.gid(),
                    barrier.branchId(), barrier.op(), barrierId, barrier.op());
            if (currentAffected == 0) {
                decided(barrier, skipped(jdbc, barrier, barrierId));
                if (BranchOp.MSG.is(barrier.op())) {
                    throw new DtmDuplicatedException(
                            DtmResult.DUPLICATED.wireName() + ": msg " + barrier.gid() + " was already decided");
                }
                return;
            }
            if (!originOp.isEmpty() && originAffected > 0) {
                decided(barrier, BarrierListener.Outcome.EMPTY_COMPENSATION);
                return;
            }
            business.execute(jdbc);
            decided(barrier, BarrierListener.Outcome.APPLIED);
        });
    }

    /** Adds a listener told what the barrier decided for every operation from now on. */
    public void addListener(BarrierListener listener) {
        this.listeners.add(listener);
    }

    /**
     * Why an operation whose row exists is skipped: its row was written by another op
     * (the compensation, or the msg back-check) when the operation arrived after it, else
     * by an earlier run of itself.
     */
    private BarrierListener.Outcome skipped(JdbcTemplate jdbc, BranchBarrier barrier, String barrierId) {
        if (this.listeners.isEmpty()) {
            return BarrierListener.Outcome.DUPLICATE;
        }
        List<String> reasons = jdbc.queryForList(
                "SELECT reason FROM " + this.table + " WHERE gid = ? AND branch_id = ? AND op = ? AND barrier_id = ?",
                String.class, barrier.gid(), barrier.branchId(), barrier.op(), barrierId);
        return reasons.isEmpty() || barrier.op().equals(reasons.get(0)) ? BarrierListener.Outcome.DUPLICATE
                : BarrierListener.Outcome.HANGING_REFUSED;
    }

    private void decided(BranchBarrier barrier, BarrierListener.Outcome outcome) {
        for (BarrierListener listener : this.listeners) {
            listener.decided(barrier.op(), outcome);
        }
    }

    /**
     * The msg back-check on the default DataSource: throws {@link DtmFailureException} if
     * the message's local transaction did not commit (and from now on never will),
     * returns normally if it did.
     */
    public void queryPrepared(String gid) {
        queryPrepared(gid, defaultDataSource());
    }

    public void queryPrepared(String gid, DataSource dataSource) {
        Assert.hasText(gid, "The msg back-check needs a gid");
        String[] reason = new String[1];
        inTransaction(dataSource, (jdbc) -> {
            dialect(dataSource).insertIgnore(jdbc, this.table, TransType.MSG.wireName(), gid,
                    BranchBarrier.MSG_BRANCH_ID, BranchOp.MSG.wireName(), BranchBarrier.MSG_BARRIER_ID,
                    BranchOp.ROLLBACK.wireName());
            List<String> reasons = jdbc.queryForList(
                    "SELECT reason FROM " + this.table
                            + " WHERE gid = ? AND branch_id = ? AND op = ? AND barrier_id = ?",
                    String.class, gid, BranchBarrier.MSG_BRANCH_ID, BranchOp.MSG.wireName(),
                    BranchBarrier.MSG_BARRIER_ID);
            reason[0] = reasons.isEmpty() ? null : reasons.get(0);
        });
        if (BranchOp.ROLLBACK.is(reason[0])) {
            throw new DtmFailureException("msg " + gid + " was rolled back");
        }
    }

    /** Inserts a barrier row in its own statement; used by XA phase 2. */
    public int insertIgnore(DataSource dataSource, String transType, String gid, String branchId, String op,
            String barrierId, String reason) {
        int[] affected = new int[1];
        inTransaction(dataSource, (jdbc) -> affected[0] = dialect(dataSource).insertIgnore(jdbc, this.table, transType,
                gid, branchId, op, barrierId, reason));
        return affected[0];
    }

    /**
     * Runs {@code check} before the barrier's next use of its default DataSource, and
     * again before each use until it returns normally: the startup check of a database
     * that could not be reached then.
     */
    public void checkBeforeFirstUse(Runnable check) {
        this.firstUseCheck = check;
    }

    public BarrierDialect dialect(DataSource dataSource) {
        return this.dialects.computeIfAbsent(dataSource, JdbcBarrier::detectDialect);
    }

    static BarrierDialect detectDialect(DataSource dataSource) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            DatabaseMetaData metaData = connection.getMetaData();
            String product = metaData.getDatabaseProductName();
            return dialectFor(product);
        }
        catch (SQLException ex) {
            throw new DtmException("Cannot read the database product of " + dataSource + ": " + ex.getMessage(), ex);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    public static BarrierDialect dialectFor(String databaseProductName) {
        String product = String.valueOf(databaseProductName).toLowerCase();
        if (product.contains("h2")) {
            return new H2BarrierDialect();
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return new MySqlBarrierDialect();
        }
        if (product.contains("postgres")) {
            return new PostgresBarrierDialect();
        }
        throw new IllegalStateException(
                "The dtm branch barrier supports H2, MySQL/MariaDB and PostgreSQL, not " + databaseProductName);
    }

    private void inTransaction(DataSource dataSource, BarrierBusiness work) {
        if (dataSource == this.defaultDataSource) {
            runFirstUseCheck();
        }
        try {
            inTransaction(new JdbcTemplate(dataSource), dataSource, work);
        }
        catch (BadSqlGrammarException ex) {
            reportIfTableMissing(dataSource);
            throw ex;
        }
    }

    private void runFirstUseCheck() {
        if (this.firstUseCheck == null) {
            return;
        }
        synchronized (this) {
            Runnable check = this.firstUseCheck;
            if (check != null) {
                try {
                    check.run();
                }
                catch (BarrierTableMissingException ex) {
                    reportOnce(this.defaultDataSource, ex);
                    throw ex;
                }
                this.firstUseCheck = null;
            }
        }
    }

    private void reportIfTableMissing(DataSource dataSource) {
        try {
            BarrierSchemaInitializer.validate(this, dataSource);
        }
        catch (BarrierTableMissingException ex) {
            reportOnce(dataSource, ex);
        }
        catch (RuntimeException ex) {
            // the statement's own failure is what the caller sees
        }
    }

    private void reportOnce(DataSource dataSource, BarrierTableMissingException ex) {
        if (this.reportedMissingTables.add(dataSource)) {
            logger.error(ex.getMessage() + ": every barrier call fails until it exists, and the coordinator "
                    + "retries them. " + ex.fix());
        }
    }

    private void inTransaction(JdbcTemplate jdbc, DataSource dataSource, BarrierBusiness work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.hasResource(dataSource)) {
            run(work, jdbc);
            return;
        }
        TransactionTemplate template = this.transactionTemplates.computeIfAbsent(dataSource,
                (key) -> new TransactionTemplate(new JdbcTransactionManager(key)));
        template.executeWithoutResult((status) -> run(work, jdbc));
    }

    private static void run(BarrierBusiness work, JdbcTemplate jdbc) {
        try {
            work.execute(jdbc);
        }
        catch (PessimisticLockingFailureException | QueryTimeoutException ex) {
            // a concurrent request holds the barrier row (or the business's rows): let
            // the caller retry later
            throw new DtmOngoingException("lock wait timed out: " + ex.getMessage());
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new DtmException(ex.getMessage(), ex);
        }
    }

}
