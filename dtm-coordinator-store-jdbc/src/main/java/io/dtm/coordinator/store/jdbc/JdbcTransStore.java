package io.dtm.coordinator.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.BranchBoundException;
import io.dtm.coordinator.store.DuplicateBranchException;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;

/**
 * The store on dtm's SQL tables ({@code trans_global}, {@code trans_branch_op},
 * {@code kv}), compatible with a database dtm itself created, so a coordinator can take
 * one over. Every status write is a compare-and-set, every branch write checks the global
 * status with a locking read in the same statement (or transaction), and due rows are
 * claimed optimistically. What differs between databases comes from the
 * {@link JdbcDialect}.
 * <p>
 * Round trips per operation (MySQL/MariaDB | PostgreSQL), one statement each unless
 * noted:
 * <ul>
 * <li>insertGlobal: with branches 1 on MySQL with multi-statements
 * ({@code START TRANSACTION; INSERT; INSERT;
 * COMMIT} in one request; {@link JdbcStoreFactory} enables them), else 5 (set
 * autocommit=0, insert global, one multi-row branch insert, commit, set autocommit=1) | 1
 * on PostgreSQL (one CTE statement); without branches 1;</li>
 * <li>changeGlobalStatus with the pass's branch results, updateBranchStatuses: 1 (one
 * statement); changeGlobalStatusThenFindBranches: 1 (two statements in one request) | 2
 * on H2;</li>
 * <li>findGlobal, findBranches, scanGlobals, changeGlobalStatus, touchCronTime, every KV
 * operation: 1;</li>
 * <li>appendBranches, updateBranchStatus: 1 (the status check is in the statement);
 * appendBranches with a bound: 1 (MySQL: one statement; PostgreSQL: the lock and the
 * counting insert in one request) | 5 on H2 (a transaction);</li>
 * <li>lockOneDue: 3 on MySQL when a row is due (candidates, claim, read back), 1 when
 * none is | 1 on PostgreSQL ({@code UPDATE ... RETURNING});</li>
 * <li>resetCronTime: 2 (ids, then one update), 1 when nothing is to reset.</li>
 * <li>deleteFinished: the gids, then both deletes in one transaction; 1 when nothing is
 * old enough.</li>
 * </ul>
 * H2 runs in process; it uses short transactions where MySQL and PostgreSQL use one
 * statement.
 */
public class JdbcTransStore implements TransStore {

    private static final String UNFINISHED = GlobalTable.UNFINISHED;

    private static final String SELECT_GLOBAL = GlobalTable.TABLE.select();

    private static final String INSERT_GLOBAL = GlobalTable.TABLE.insert(1);

    private static final String CHANGE_GLOBAL = "UPDATE trans_global SET "
            + Table.assignments(GlobalTable.STATUS_CHANGE, "") + " WHERE gid = ? AND status = ?";

    private static final String SELECT_BRANCHES = BranchTable.TABLE.select() + " WHERE gid = ? ORDER BY id";

    private static final String BRANCH_TOTALS = "SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(bin_data)), 0) "
            + "FROM trans_branch_op WHERE gid = ?";

    private static final String UPDATE_BRANCH = "UPDATE trans_branch_op SET "
            + Table.assignments(BranchTable.RESULT, "") + " WHERE gid = ? AND branch_id = ? AND op = ?";

    private static final String SELECT_KV = KvTable.TABLE.select();

    private static final String INSERT_KV = KvTable.TABLE.insert(1);

    /**
     * Branch rows per statement (10 parameters each; PostgreSQL allows 32767 parameters).
     */
    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    /**
     * How often a statement the database rolled back whole is run before its error is
     * thrown.
     */
    private static final int MAX_STATEMENT_ATTEMPTS = 3;

    /**
     * How many due rows a replica chooses among when claiming one, so replicas rarely
     * race for the same row.
     */
    private static final int DUE_CANDIDATES = 10;

    /**
     * The {@link #DUE_CANDIDATES} most overdue unfinished ids: one range of the (status,
     * next_cron_time) index per unfinished status, each read in order and cut at the
     * limit, so a claim reads a few index entries however many rows are due or finished
     * (with {@code status IN (...)} the database reads and sorts every due row).
     */
    private static final String SELECT_DUE = "SELECT id FROM (" + GlobalTable.UNFINISHED_STATUSES.stream()
        .map(status -> "(SELECT id, next_cron_time FROM trans_global WHERE status = '" + status
                + "' AND next_cron_time < ? ORDER BY next_cron_time LIMIT " + DUE_CANDIDATES + ")")
        .collect(Collectors.joining(" UNION ALL ")) + ") due ORDER BY next_cron_time LIMIT " + DUE_CANDIDATES;

    /**
     * Typed, so that Spring does not ask the driver for the parameter type (a server
     * round trip on MariaDB).
     */
    private static final SqlParameterValue NULL_TIMESTAMP = new SqlParameterValue(Types.TIMESTAMP, null);

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final JdbcDialect dialect;

    private final AutoCloseable connections;

    private final RowMapper<TransGlobal> globals;

    private final RowMapper<TransBranch> branchRows;

    private final RowMapper<KvEntry> kvRows;

    /**
     * @param dataSource where statements run: the pool {@code connections}, or a wrapper
     * of it
     * @param connections closed by {@link #close()}
     * @param dialect the database; the connections are configured with its
     * {@linkplain JdbcDialect#dataSourceProperties() properties}
     */
    JdbcTransStore(DataSource dataSource, AutoCloseable connections, JdbcDialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = dialect;
        this.connections = connections;
        this.globals = GlobalTable.mapper(dialect);
        this.branchRows = BranchTable.mapper(dialect);
        this.kvRows = KvTable.mapper(dialect);
    }

    /**
     * One statement where the dialect has one for a global and its branches (PostgreSQL:
     * a CTE that skips a duplicate gid); MySQL with multi-statements: one request; else
     * one transaction with the global insert (a duplicate gid is caught or skipped) and
     * one multi-row branch insert.
     */
    @Override
    public boolean insertGlobal(TransGlobal g, List<TransBranch> branches) {
        if (dialect.insertsGlobalWithBranchesInOneStatement() && branches.size() <= MAX_ROWS_PER_STATEMENT) {
            return written(dialect.insertGlobalWithBranches(values(GlobalTable.TABLE.insertColumns(), g),
                    rows(BranchTable.VALUES, branches))) > 0;
        }
        if (branches.isEmpty()) {
            return insertGlobalRow(g);
        }
        if (dialect.supportsMultiStatements() && branches.size() <= MAX_ROWS_PER_STATEMENT) {
            return insertGlobalMultiStatement(g, branches);
        }
        Boolean inserted = tx.execute(status -> {
            if (!insertGlobalRow(g)) {
                return false;
            }
            insertBranchRows(branches);
            return true;
        });
        return Boolean.TRUE.equals(inserted);
    }

    /**
     * The transaction, both inserts and the commit in one request. A failing statement
     * stops the rest (so nothing is committed) and the transaction is rolled back on the
     * same connection; a duplicate key is a duplicate gid when the gid is found
     * afterwards.
     */
    private boolean insertGlobalMultiStatement(TransGlobal g, List<TransBranch> branches) {
        List<Object> args = values(GlobalTable.TABLE.insertColumns(), g);
        branches.forEach(b -> args.addAll(values(BranchTable.TABLE.insertColumns(), b)));
        String sql = "START TRANSACTION; " + INSERT_GLOBAL + "; " + BranchTable.TABLE.insert(branches.size())
                + "; COMMIT";
        Boolean inserted = jdbc.execute((ConnectionCallback<Boolean>) con -> {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                new ArgumentPreparedStatementSetter(args.toArray()).setValues(ps);
                ps.execute();
                while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                    // drain every result, so that an error of a later statement surfaces
                    // here
                }
                return true;
            }
            catch (SQLException ex) {
                try (Statement rollback = con.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
                if (dialect.isDuplicateKey(ex)) {
                    try (PreparedStatement exists = con.prepareStatement("SELECT 1 FROM trans_global WHERE gid = ?")) {
                        exists.setString(1, g.getGid());
                        try (ResultSet rs = exists.executeQuery()) {
                            if (rs.next()) {
                                return false;
                            }
                        }
                    }
                }
                throw ex;
            }
        });
        return Boolean.TRUE.equals(inserted);
    }

    private boolean insertGlobalRow(TransGlobal g) {
        return insertUnlessDuplicate(INSERT_GLOBAL, values(GlobalTable.TABLE.insertColumns(), g));
    }

    /** Inserts one row; {@code false} when its unique key exists. */
    private boolean insertUnlessDuplicate(String insert, List<Object> args) {
        String skipDuplicate = dialect.skipDuplicateKeyClause();
        try {
            return jdbc.update(insert + skipDuplicate, args.toArray()) == 1;
        }
        catch (DuplicateKeyException ex) {
            if (!skipDuplicate.isEmpty()) {
                throw ex;
            }
            return false;
        }
    }

    @Override
    public Optional<TransGlobal> findGlobal(String gid) {
        return jdbc.query(SELECT_GLOBAL + " WHERE gid = ?", globals, gid).stream().findFirst();
    }

    @Override
    public List<TransBranch> findBranches(String gid) {
        return jdbc.query(SELECT_BRANCHES, branchRows, gid);
    }

    /** {@code LIMIT ... OFFSET ...}, which H2, MySQL/MariaDB and PostgreSQL all read. */
    @Override
    public List<TransBranch> findBranches(String gid, int offset, int limit) {
        return jdbc.query(SELECT_BRANCHES + " LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset),
                branchRows, gid);
    }

    @Override
    public BranchTotals branchTotals(String gid) {
        return jdbc.queryForObject(BRANCH_TOTALS, (rs, row) -> new BranchTotals(rs.getLong(1), rs.getLong(2)), gid);
    }

    @Override
    public GlobalPage scanGlobals(GlobalQuery q) {
        StringBuilder sql = new StringBuilder(SELECT_GLOBAL + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.position() != null && !q.position().isEmpty()) {
            sql.append(" AND id < ?");
            args.add(Long.parseLong(q.position()));
        }
        if (q.status() != null && !q.status().isEmpty()) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.transType() != null && !q.transType().isEmpty()) {
            sql.append(" AND trans_type = ?");
            args.add(q.transType());
        }
        if (q.gidPrefix() != null && !q.gidPrefix().isEmpty()) {
            sql.append(" AND gid LIKE ? ESCAPE '!'");
            args.add(likePrefix(q.gidPrefix()));
        }
        if (q.createTimeStart() != null) {
            sql.append(" AND create_time >= ?");
            args.add(ts(q.createTimeStart()));
        }
        if (q.createTimeEnd() != null) {
            sql.append(" AND create_time <= ?");
            args.add(ts(q.createTimeEnd()));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
        List<TransGlobal> rows = jdbc.query(sql.toString(), globals, args.toArray());
        String next = rows.size() < q.limit() ? "" : String.valueOf(rows.get(rows.size() - 1).getId());
        return new GlobalPage(rows, next);
    }

    /**
     * A LIKE pattern matching values that start with {@code prefix} literally. The escape
     * character is {@code !} rather than a backslash: a backslash literal is spelled
     * {@code '\\'} on MySQL/MariaDB (unless NO_BACKSLASH_ESCAPES is set) and {@code '\'}
     * on H2 and PostgreSQL, while {@code '!'} reads the same everywhere.
     */
    static String likePrefix(String prefix) {
        StringBuilder pattern = new StringBuilder(prefix.length() + 8);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '!' || c == '%' || c == '_') {
                pattern.append('!');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    /**
     * One statement where the dialect writes branches so (it reads the global row with a
     * locking read and inserts nothing when its status differs; a duplicate (branch_id,
     * op) fails the single statement, so no transaction is left aborted); else lock, then
     * insert, in one transaction.
     */
    @Override
    public void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches) {
        if (branches.isEmpty()) {
            return;
        }
        if (branches.size() > MAX_ROWS_PER_STATEMENT) {
            throw new IllegalArgumentException(
                    "at most " + MAX_ROWS_PER_STATEMENT + " branches can be appended at once");
        }
        GlobalGuard guard = new GlobalGuard(gid, expectedStatus, null, expectedTransType);
        try {
            if (!dialect.writesBranchesInOneStatement()) {
                tx.executeWithoutResult(status -> {
                    lockGlobal(guard);
                    insertBranchRows(branches);
                });
                return;
            }
            if (written(dialect.appendBranches(guard, rows(BranchTable.VALUES, branches))) == 0) {
                throw statusConflict(guard);
            }
        }
        catch (DuplicateKeyException ex) {
            throw new DuplicateBranchException("branch " + branches.get(0).getBranchId() + " op "
                    + branches.get(0).getOp() + " of gid " + gid + " is already registered");
        }
    }

    /**
     * One request where the dialect writes branches so (MySQL: one statement; PostgreSQL:
     * the lock and the counting insert, one implicit transaction); else lock, count and
     * insert in one transaction. Either way the global row is locked against other
     * appends before the stored rows are counted, so concurrent appends are counted one
     * after the other. A refused request reads why (status or bound) afterwards.
     */
    @Override
    public void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches, BranchBound bound) {
        if (branches.isEmpty()) {
            return;
        }
        if (branches.size() > MAX_ROWS_PER_STATEMENT) {
            throw new IllegalArgumentException(
                    "at most " + MAX_ROWS_PER_STATEMENT + " branches can be appended at once");
        }
        long newBytes = branches.stream().mapToLong(b -> b.getBinData() == null ? 0 : b.getBinData().length).sum();
        long roomCount = bound.maxCount() - branches.size();
        long roomBytes = bound.maxDataBytes() - newBytes;
        if (roomCount < 0 || roomBytes < 0) {
            throw outOfBound(gid, branchTotals(gid));
        }
        GlobalGuard guard = new GlobalGuard(gid, expectedStatus, null, expectedTransType);
        try {
            if (!dialect.writesBranchesInOneStatement()) {
                tx.executeWithoutResult(status -> {
                    lockGlobal(guard);
                    BranchTotals stored = branchTotals(gid);
                    if (stored.count() > roomCount || stored.dataBytes() > roomBytes) {
                        throw outOfBound(gid, stored);
                    }
                    insertBranchRows(branches);
                });
                return;
            }
            if (appendBounded(guard, branches, roomCount, roomBytes) > 0) {
                return;
            }
        }
        catch (DuplicateKeyException ex) {
            throw new DuplicateBranchException("branch " + branches.get(0).getBranchId() + " op "
                    + branches.get(0).getOp() + " of gid " + gid + " is already registered");
        }
        Optional<TransGlobal> global = findGlobal(gid);
        if (global.isEmpty() || !expectedStatus.equals(global.get().getStatus().wireName())
                || expectedTransType != null && !expectedTransType.equals(global.get().getTransType().wireName())) {
            throw statusConflict(guard);
        }
        throw outOfBound(gid, branchTotals(gid));
    }

    /** The dialect's one bounded append, run again while the database asks for it. */
    private int appendBounded(GlobalGuard guard, List<TransBranch> branches, long roomCount, long roomBytes) {
        for (int attempt = 1;; attempt++) {
            try {
                return lastUpdateCount(
                        dialect.appendBranchesBounded(guard, rows(BranchTable.VALUES, branches), roomCount, roomBytes));
            }
            catch (UncategorizedSQLException ex) {
                SQLException cause = ex.getSQLException();
                if (attempt >= MAX_STATEMENT_ATTEMPTS || cause == null || !dialect.isStatementToRetry(cause)) {
                    throw ex;
                }
            }
        }
    }

    private static BranchBoundException outOfBound(String gid, BranchTotals stored) {
        return new BranchBoundException("transaction " + gid + " holds " + stored.count() + " branches and "
                + stored.dataBytes() + " data bytes; the new branches would exceed its bound", stored);
    }

    /**
     * Executes a statement, or several in one request, and returns the last update count.
     */
    private int lastUpdateCount(SqlStatement statement) {
        Integer count = jdbc.execute(statement.sql(), (PreparedStatementCallback<Integer>) ps -> {
            new ArgumentPreparedStatementSetter(statement.argArray()).setValues(ps);
            int last = 0;
            boolean results = ps.execute();
            while (true) {
                if (!results) {
                    int updated = ps.getUpdateCount();
                    if (updated == -1) {
                        return last;
                    }
                    last = updated;
                }
                results = ps.getMoreResults();
            }
        });
        return count == null ? 0 : count;
    }

    /**
     * One statement where the dialect writes branches so (a join of the branch rows with
     * the global row, read with a locking read, and with the results as a derived table);
     * else lock, then one update per branch, in one transaction.
     */
    @Override
    public void updateBranchStatuses(String gid, String expectedStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates) {
        List<TransBranch> branches = distinctBranches(updates);
        if (branches.isEmpty()) {
            return;
        }
        GlobalGuard guard = new GlobalGuard(gid, expectedStatus, expectedOwner);
        if (!dialect.writesBranchesInOneStatement() || branches.size() > MAX_ROWS_PER_STATEMENT) {
            tx.executeWithoutResult(status -> {
                lockGlobal(guard);
                branches.forEach(b -> updateBranchRow(gid, b));
            });
            return;
        }
        if (written(dialect.updateBranches(guard, rows(BranchTable.KEYED_RESULT, branches))) == 0) {
            throw statusConflict(guard);
        }
    }

    /**
     * The status change and the branch results of the pass, atomically: in one statement
     * where the dialect writes branches so (MySQL: a multi-table UPDATE of the global row
     * and the branch rows, guarded by the old status and owner; PostgreSQL: a CTE
     * updating the global, then the branches from its RETURNING); else one transaction.
     */
    @Override
    public boolean changeGlobalStatus(TransGlobal g, String oldStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates) {
        List<TransBranch> branches = distinctBranches(updates);
        GlobalGuard guard = new GlobalGuard(g.getGid(), oldStatus, expectedOwner);
        if (branches.isEmpty()) {
            return changeGlobalRow(g, guard);
        }
        if (!dialect.writesBranchesInOneStatement() || branches.size() > MAX_ROWS_PER_STATEMENT) {
            Boolean changed = tx.execute(status -> {
                if (!changeGlobalRow(g, guard)) {
                    return false;
                }
                branches.forEach(b -> updateBranchRow(g.getGid(), b));
                return true;
            });
            return Boolean.TRUE.equals(changed);
        }
        return written(dialect.changeGlobalWithBranches(values(GlobalTable.STATUS_CHANGE, g), guard,
                rows(BranchTable.KEYED_RESULT, branches))) > 0;
    }

    /**
     * The status change, then the read of the branches, in one request where the
     * connections run several statements (MySQL, PostgreSQL): the read is a statement of
     * its own after the change, so its snapshot is taken after the change and after every
     * append that the change waited for.
     */
    @Override
    public Optional<List<TransBranch>> changeGlobalStatusThenFindBranches(TransGlobal g, String oldStatus,
            @Nullable String expectedOwner) {
        if (!dialect.runsStatementsInOneRequest()) {
            return TransStore.super.changeGlobalStatusThenFindBranches(g, oldStatus, expectedOwner);
        }
        GlobalGuard guard = new GlobalGuard(g.getGid(), oldStatus, expectedOwner);
        List<Object> args = values(GlobalTable.STATUS_CHANGE, g);
        guard.addArgs(args);
        args.add(g.getGid());
        String sql = CHANGE_GLOBAL + guard.extraConditions("") + "; " + SELECT_BRANCHES;
        return jdbc.execute(sql, (PreparedStatementCallback<Optional<List<TransBranch>>>) ps -> {
            new ArgumentPreparedStatementSetter(args.toArray()).setValues(ps);
            boolean results = ps.execute();
            int changed = results ? 0 : ps.getUpdateCount();
            while (!ps.getMoreResults()) {
                if (ps.getUpdateCount() == -1) {
                    throw new IllegalStateException("the branches were not read after the status change");
                }
            }
            List<TransBranch> branches = new ArrayList<>();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    branches.add(branchRows.mapRow(rs, branches.size()));
                }
            }
            return changed == 1 ? Optional.of(branches) : Optional.empty();
        });
    }

    private boolean changeGlobalRow(TransGlobal g, GlobalGuard guard) {
        List<Object> args = values(GlobalTable.STATUS_CHANGE, g);
        guard.addArgs(args);
        return jdbc.update(CHANGE_GLOBAL + guard.extraConditions(""), args.toArray()) == 1;
    }

    private void updateBranchRow(String gid, TransBranch b) {
        List<Object> args = values(BranchTable.RESULT, b);
        args.add(gid);
        args.add(b.getBranchId());
        args.add(b.getOp());
        jdbc.update(UPDATE_BRANCH, args.toArray());
    }

    /** The branches to write, the last result winning when one branch appears twice. */
    private static List<TransBranch> distinctBranches(List<BranchUpdate> updates) {
        Map<String, TransBranch> byKey = new LinkedHashMap<>();
        for (BranchUpdate u : updates) {
            byKey.remove(u.branch().getBranchId() + "\n" + u.branch().getOp());
            byKey.put(u.branch().getBranchId() + "\n" + u.branch().getOp(), u.branch());
        }
        return new ArrayList<>(byKey.values());
    }

    @Override
    public boolean touchCronTime(TransGlobal g, @Nullable String expectedOwner, Instant now) {
        GlobalGuard guard = new GlobalGuard(g.getGid(), g.getStatus().wireName(), expectedOwner);
        List<Object> args = new ArrayList<>(List.of(g.getNextCronInterval(), ts(g.getNextCronTime()), ts(now)));
        args.add(g.getOwner());
        args.add(g.getExtData());
        guard.addArgs(args);
        return jdbc.update("UPDATE trans_global SET next_cron_interval = ?, next_cron_time = ?, update_time = ?, "
                + "owner = ?, ext_data = ? WHERE gid = ? AND status = ?" + guard.extraConditions("") + " AND "
                + UNFINISHED, args.toArray()) == 1;
    }

    /**
     * One statement where the dialect claims so (PostgreSQL: {@code UPDATE ... RETURNING}
     * of the most overdue row not locked by another claimer). Else, as dtm: pick one of
     * the most overdue ids at random, claim it with an optimistic
     * {@code UPDATE ... WHERE id = ? AND <still due>}, and read it back if the update
     * won.
     */
    @Override
    public Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner) {
        if (dialect.claimsDueInOneStatement()) {
            SqlStatement claim = dialect.claimOneDue(owner, ts(nextCronTime), ts(now), exact(now));
            return jdbc.query(claim.sql(), globals, claim.argArray()).stream().findFirst();
        }
        // one due-before parameter per status range of SELECT_DUE
        Object[] dueBefore = Collections.nCopies(GlobalTable.UNFINISHED_STATUSES.size(), exact(now)).toArray();
        List<Long> due = jdbc.queryForList(SELECT_DUE, Long.class, dueBefore);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        long id = due.get(ThreadLocalRandom.current().nextInt(due.size()));
        int claimed = jdbc.update(
                "UPDATE trans_global SET owner = ?, next_cron_time = ?, update_time = ? "
                        + "WHERE id = ? AND next_cron_time < ? AND " + UNFINISHED,
                owner, ts(nextCronTime), ts(now), id, exact(now));
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.query(SELECT_GLOBAL + " WHERE id = ? AND owner = ?", globals, id, owner).stream().findFirst();
    }

    /**
     * Two statements: the ids (one more than {@code limit}, to tell has_remaining), then
     * one update of them.
     */
    @Override
    public List<UnfinishedCount> countUnfinished() {
        // one range of the (status, next_cron_time) index per unfinished status
        return jdbc.query(
                "SELECT status, trans_type, COUNT(*) FROM trans_global WHERE " + UNFINISHED
                        + " GROUP BY status, trans_type",
                (rs, i) -> new UnfinishedCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    @Override
    public ResetCronResult resetCronTime(Instant after, int limit, Instant now) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM trans_global WHERE next_cron_time > ? AND " + UNFINISHED
                + " ORDER BY id LIMIT " + (limit + 1), Long.class, exact(after));
        List<Long> chosen = ids.subList(0, Math.min(limit, ids.size()));
        int count = 0;
        if (!chosen.isEmpty()) {
            List<Object> args = new ArrayList<>(List.of(ts(now), ts(now)));
            args.addAll(chosen);
            args.add(exact(after));
            count = jdbc.update("UPDATE trans_global SET next_cron_time = ?, update_time = ? WHERE id IN ("
                    + String.join(", ", Collections.nCopies(chosen.size(), "?")) + ") AND next_cron_time > ? AND "
                    + UNFINISHED, args.toArray());
        }
        return new ResetCronResult(ids.size() > limit, count);
    }

    /**
     * The gids, then both deletes in one transaction. The gids are found through the
     * index on (status, next_cron_time): a finished row keeps the next_cron_time of its
     * last pass, never long after it finished, so the rows older than the cutoff are one
     * range of that index; update_time then decides: the final status is a finished row's
     * last write (a failed one has no finish_time, only a rollback_time).
     */
    @Override
    public int deleteFinished(Instant finishedBefore, int limit) {
        List<String> gids = jdbc.queryForList(
                "SELECT gid FROM trans_global WHERE " + GlobalTable.FINISHED
                        + " AND (next_cron_time IS NULL OR next_cron_time < ?) AND update_time < ? LIMIT " + limit,
                String.class, exact(finishedBefore), exact(finishedBefore));
        if (gids.isEmpty()) {
            return 0;
        }
        String in = " IN (" + String.join(", ", Collections.nCopies(gids.size(), "?")) + ")";
        Integer deleted = tx.execute(status -> {
            jdbc.update("DELETE FROM trans_branch_op WHERE gid" + in, gids.toArray());
            return jdbc.update("DELETE FROM trans_global WHERE gid" + in + " AND " + GlobalTable.FINISHED,
                    gids.toArray());
        });
        return deleted == null ? 0 : deleted;
    }

    @Override
    public List<KvEntry> findKv(String cat, @Nullable String key) {
        if (key == null || key.isEmpty()) {
            return jdbc.query(SELECT_KV + " WHERE cat = ? ORDER BY id", kvRows, cat);
        }
        return jdbc.query(SELECT_KV + " WHERE cat = ? AND k = ?", kvRows, cat, key);
    }

    @Override
    public KvPage scanKv(String cat, @Nullable String position, int limit) {
        long after = position == null || position.isEmpty() ? 0 : Long.parseLong(position);
        List<KvEntry> rows = jdbc.query(SELECT_KV + " WHERE cat = ? AND id > ? ORDER BY id LIMIT " + limit, kvRows, cat,
                after);
        String next = rows.size() < limit ? "" : String.valueOf(rows.get(rows.size() - 1).id());
        return new KvPage(rows, next);
    }

    @Override
    public boolean createKv(KvEntry e) {
        return insertUnlessDuplicate(INSERT_KV, values(KvTable.TABLE.insertColumns(), e));
    }

    @Override
    public boolean updateKv(KvEntry e) {
        return jdbc.update("UPDATE kv SET v = ?, version = ?, update_time = ? WHERE cat = ? AND k = ? AND version = ?",
                e.v(), e.version(), ts(e.updateTime()), e.cat(), e.k(), e.version() - 1) == 1;
    }

    @Override
    public boolean deleteKv(String cat, String key) {
        return jdbc.update("DELETE FROM kv WHERE cat = ? AND k = ?", cat, key) == 1;
    }

    @Override
    public void ping() {
        jdbc.queryForObject("SELECT 1", Integer.class);
    }

    @Override
    public void close() {
        try {
            connections.close();
        }
        catch (Exception ex) {
            throw new IllegalStateException("closing the coordinator's connection pool failed", ex);
        }
    }

    /** The rows written by a statement that writes. */
    private int written(SqlStatement statement) {
        return switch (statement.returns()) {
            case UPDATE_COUNT -> jdbc.update(statement.sql(), statement.argArray());
            case WRITTEN_COUNT -> {
                Integer count = jdbc.queryForObject(statement.sql(), Integer.class, statement.argArray());
                yield count == null ? 0 : count;
            }
            case ROWS -> throw new IllegalArgumentException("not a write: " + statement.sql());
        };
    }

    private void lockGlobal(GlobalGuard guard) {
        List<Object> args = new ArrayList<>();
        guard.addArgs(args);
        List<Long> locked = jdbc.queryForList(
                "SELECT id FROM trans_global WHERE gid = ? AND status = ?" + guard.extraConditions("") + " FOR UPDATE",
                Long.class, args.toArray());
        if (locked.isEmpty()) {
            throw statusConflict(guard);
        }
    }

    private static StatusConflictException statusConflict(GlobalGuard guard) {
        return new StatusConflictException(
                "no trans with gid: " + guard.gid() + " status: " + guard.status() + " found");
    }

    /**
     * One multi-row insert per {@link #MAX_ROWS_PER_STATEMENT} branches, rows in list
     * order.
     */
    private void insertBranchRows(List<TransBranch> branches) {
        for (int from = 0; from < branches.size(); from += MAX_ROWS_PER_STATEMENT) {
            List<TransBranch> chunk = branches.subList(from, Math.min(branches.size(), from + MAX_ROWS_PER_STATEMENT));
            List<Object> args = new ArrayList<>(chunk.size() * BranchTable.TABLE.insertColumns().size());
            chunk.forEach(b -> args.addAll(values(BranchTable.TABLE.insertColumns(), b)));
            jdbc.update(BranchTable.TABLE.insert(chunk.size()), args.toArray());
        }
    }

    /** The parameters that write {@code columns} of {@code row}, in order. */
    private <T> List<Object> values(List<Column<T, ?>> columns, T row) {
        List<Object> args = new ArrayList<>(columns.size());
        for (Column<T, ?> column : columns) {
            args.add(parameter(column, row));
        }
        return args;
    }

    /** Each row's {@link #values}. */
    private <T> List<List<Object>> rows(List<Column<T, ?>> columns, List<T> rows) {
        return rows.stream().map(row -> values(columns, row)).toList();
    }

    private <T> Object parameter(Column<T, ?> column, T row) {
        Object value = column.valueOf(row);
        return switch (column.type()) {
            case TIMESTAMP -> ts((Instant) value);
            case BINARY -> new SqlParameterValue(Types.BINARY, value);
            case TEXT, INTEGER -> value;
        };
    }

    /**
     * A time to store: truncated to the second where the database keeps whole seconds
     * (MySQL rounds the fraction), so that every store keeps the same second (dtm writes
     * whole seconds too).
     */
    private Object ts(@Nullable Instant instant) {
        if (instant == null) {
            return NULL_TIMESTAMP;
        }
        return dialect
            .timestampParameter(dialect.storesWholeSeconds() ? instant.truncatedTo(ChronoUnit.SECONDS) : instant);
    }

    /** A time to compare with, kept exact. */
    private Object exact(Instant instant) {
        return dialect.timestampParameter(instant);
    }

}
