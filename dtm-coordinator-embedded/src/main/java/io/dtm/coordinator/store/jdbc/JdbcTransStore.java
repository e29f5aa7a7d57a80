package io.dtm.coordinator.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.StringJoiner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.DuplicateBranchException;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;

/**
 * The store on dtm's SQL tables ({@code trans_global}, {@code trans_branch_op}, {@code kv}), compatible with a
 * database dtm itself created, so a coordinator can take one over. Every status write is a compare-and-set, every
 * branch write checks the global status with a locking read in the same statement (or transaction), and due rows
 * are claimed optimistically.
 * <p>
 * Round trips per operation (MySQL/MariaDB | PostgreSQL), one statement each unless noted:
 * <ul>
 * <li>insertGlobal: with branches 1 on MySQL with multi-statements ({@code START TRANSACTION; INSERT; INSERT;
 * COMMIT} in one request; {@link JdbcStoreFactory} enables them), else 5 (set autocommit=0, insert global, one
 * multi-row branch insert, commit, set autocommit=1) | 1 on PostgreSQL (one CTE statement); without branches 1;</li>
 * <li>changeGlobalStatus with the pass's branch results, updateBranchStatuses: 1 (one statement);</li>
 * <li>findGlobal, findBranches, scanGlobals, changeGlobalStatus, touchCronTime, every KV operation:
 * 1;</li>
 * <li>appendBranches, updateBranchStatus: 1 (the status check is in the statement);</li>
 * <li>lockOneDue: 3 on MySQL when a row is due (candidates, claim, read back), 1 when none is | 1 on PostgreSQL
 * ({@code UPDATE ... RETURNING});</li>
 * <li>resetCronTime: 2 (ids, then one update), 1 when nothing is to reset.</li>
 * </ul>
 * H2 runs in process; it uses short transactions where MySQL and PostgreSQL use one statement.
 */
public class JdbcTransStore implements TransStore {

    private static final String UNFINISHED = "status IN ('prepared', 'aborting', 'submitted')";

    private static final String GLOBAL_COLUMNS = "id, gid, trans_type, status, query_prepared, protocol, create_time, "
            + "update_time, finish_time, rollback_time, options, custom_data, next_cron_interval, next_cron_time, "
            + "owner, ext_data, result, rollback_reason";

    /** The columns a status change writes, in the order of {@link #globalChangeArgs}. */
    private static final String GLOBAL_CHANGE_SET = "status = ?, update_time = ?, finish_time = ?, rollback_time = ?, "
            + "rollback_reason = ?, result = ?, owner = ?, next_cron_time = ?, next_cron_interval = ?, ext_data = ?";

    private static final String BRANCH_COLUMNS = "id, gid, url, bin_data, branch_id, op, status, finish_time, "
            + "rollback_time, create_time, update_time";

    private static final String GLOBAL_INSERT_COLUMNS = "gid, trans_type, status, query_prepared, protocol, "
            + "create_time, update_time, options, custom_data, next_cron_interval, next_cron_time, owner, ext_data, "
            + "result, rollback_reason";

    private static final String GLOBAL_INSERT_PARAMS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    /** The branch columns of the derived table {@code v} built by {@link JdbcDialect#branchValuesTable}. */
    private static final String V_COLUMNS = "v.url, v.bin_data, v.branch_id, v.op, v.status, v.finish_time, "
            + "v.rollback_time, v.create_time, v.update_time";

    private static final String DUPLICATE_KEY_SQL_STATE = "23000";
    private static final int MYSQL_DUPLICATE_KEY = 1062;

    /** Branch rows per statement (10 parameters each; PostgreSQL allows 32767 parameters). */
    static final int MAX_ROWS_PER_STATEMENT = 1000;

    /** How many due rows a replica chooses among when claiming one, so replicas rarely race for the same row. */
    private static final int DUE_CANDIDATES = 10;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JdbcDialect dialect;
    private final DataSource dataSource;
    private final boolean multiStatements;

    /** The store owns {@code dataSource}: {@link #close()} closes it. */
    public JdbcTransStore(DataSource dataSource, JdbcDialect dialect) {
        this(dataSource, dialect, false);
    }

    /**
     * @param multiStatements the connections accept several statements in one request (MySQL/MariaDB
     *     {@code allowMultiQueries=true}, as {@link JdbcStoreFactory} sets it): a global with its branches is then
     *     inserted in one round trip ({@code START TRANSACTION; INSERT; INSERT; COMMIT}) instead of five
     */
    public JdbcTransStore(DataSource dataSource, JdbcDialect dialect, boolean multiStatements) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = dialect;
        this.multiStatements = multiStatements && dialect == JdbcDialect.MYSQL;
    }

    public JdbcDialect dialect() {
        return dialect;
    }

    /**
     * PostgreSQL: one statement (a CTE inserting the global with {@code ON CONFLICT DO NOTHING} and the branches from
     * its {@code RETURNING}). MySQL/H2: one transaction with the global insert (a duplicate gid is caught) and one
     * multi-row branch insert.
     */
    @Override
    public boolean insertGlobal(TransGlobal g, List<TransBranch> branches) {
        if (dialect == JdbcDialect.POSTGRES && branches.size() <= MAX_ROWS_PER_STATEMENT) {
            List<Object> args = new ArrayList<>(globalInsertArgs(g));
            String sql = "WITH g AS (INSERT INTO trans_global (" + GLOBAL_INSERT_COLUMNS + ") VALUES ("
                    + GLOBAL_INSERT_PARAMS + ") ON CONFLICT DO NOTHING RETURNING gid)";
            if (!branches.isEmpty()) {
                sql += ", b AS (INSERT INTO trans_branch_op (gid, " + JdbcDialect.BRANCH_VALUE_COLUMNS + ") "
                        + "SELECT g.gid, "
                        + V_COLUMNS + " FROM g, " + dialect.branchValuesTable(branches.size()) + " ORDER BY v.n "
                        + "RETURNING 1)";
                branches.forEach(b -> args.addAll(branchValueArgs(b)));
            }
            Integer inserted = jdbc.queryForObject(sql + " SELECT count(*) FROM g", Integer.class, args.toArray());
            return inserted != null && inserted == 1;
        }
        if (branches.isEmpty()) {
            return insertGlobalRow(g);
        }
        if (multiStatements && branches.size() <= MAX_ROWS_PER_STATEMENT) {
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
     * MySQL with multi-statements: the transaction, both inserts and the commit in one request. A failing statement
     * stops the rest (so nothing is committed) and the transaction is rolled back on the same connection; a
     * duplicate key is a duplicate gid when the gid is found afterwards.
     */
    private boolean insertGlobalMultiStatement(TransGlobal g, List<TransBranch> branches) {
        StringJoiner rows = new StringJoiner(", ");
        List<Object> args = new ArrayList<>(globalInsertArgs(g));
        for (TransBranch b : branches) {
            rows.add("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            args.add(b.getGid());
            args.addAll(branchValueArgs(b));
        }
        String sql = "START TRANSACTION; INSERT INTO trans_global (" + GLOBAL_INSERT_COLUMNS + ") VALUES ("
                + GLOBAL_INSERT_PARAMS + "); INSERT INTO trans_branch_op (gid, " + JdbcDialect.BRANCH_VALUE_COLUMNS
                + ") VALUES " + rows + "; COMMIT";
        Boolean inserted = jdbc.execute((ConnectionCallback<Boolean>) con -> {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                new ArgumentPreparedStatementSetter(args.toArray()).setValues(ps);
                ps.execute();
                while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                    // drain every result, so that an error of a later statement surfaces here
                }
                return true;
            }
            catch (SQLException ex) {
                try (Statement rollback = con.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
                if (DUPLICATE_KEY_SQL_STATE.equals(ex.getSQLState()) && ex.getErrorCode() == MYSQL_DUPLICATE_KEY) {
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
        String sql = "INSERT INTO trans_global (" + GLOBAL_INSERT_COLUMNS + ") VALUES (" + GLOBAL_INSERT_PARAMS + ")"
                + (dialect == JdbcDialect.POSTGRES ? " ON CONFLICT DO NOTHING" : "");
        try {
            return jdbc.update(sql, globalInsertArgs(g).toArray()) == 1;
        }
        catch (DuplicateKeyException ex) {
            if (!dialect.catchesDuplicateKey()) {
                throw ex;
            }
            return false;
        }
    }

    private List<Object> globalInsertArgs(TransGlobal g) {
        return Arrays.asList(g.getGid(), g.getTransType(), g.getStatus(), g.getQueryPrepared(),
                g.getProtocol(), ts(g.getCreateTime()), ts(g.getUpdateTime()), TransJson.optionsToJson(g.getOptions()),
                g.getCustomData(), g.getNextCronInterval(), ts(g.getNextCronTime()), g.getOwner(), g.getExtData(),
                g.getResult(), g.getRollbackReason());
    }

    @Override
    public Optional<TransGlobal> findGlobal(String gid) {
        return jdbc.query("SELECT " + GLOBAL_COLUMNS + " FROM trans_global WHERE gid = ?", GLOBAL_MAPPER, gid)
                .stream().findFirst();
    }

    @Override
    public List<TransBranch> findBranches(String gid) {
        return jdbc.query("SELECT " + BRANCH_COLUMNS + " FROM trans_branch_op WHERE gid = ? ORDER BY id",
                BRANCH_MAPPER, gid);
    }

    @Override
    public GlobalPage scanGlobals(GlobalQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + GLOBAL_COLUMNS + " FROM trans_global WHERE 1 = 1");
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
        if (q.createTimeStart() != null) {
            sql.append(" AND create_time >= ?");
            args.add(ts(q.createTimeStart()));
        }
        if (q.createTimeEnd() != null) {
            sql.append(" AND create_time <= ?");
            args.add(ts(q.createTimeEnd()));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
        List<TransGlobal> rows = jdbc.query(sql.toString(), GLOBAL_MAPPER, args.toArray());
        String next = rows.size() < q.limit() ? "" : String.valueOf(rows.get(rows.size() - 1).getId());
        return new GlobalPage(rows, next);
    }

    /**
     * MySQL and PostgreSQL: one {@code INSERT ... SELECT} that reads the global row with a locking read
     * ({@code FOR UPDATE}, PostgreSQL {@code FOR SHARE} in a CTE) and inserts nothing when its status differs; a
     * duplicate (branch_id, op) fails the single statement, so no transaction is left aborted. H2: lock, then insert,
     * in one transaction.
     */
    @Override
    public void appendBranches(String gid, String expectedStatus, List<TransBranch> branches) {
        if (branches.isEmpty()) {
            return;
        }
        if (branches.size() > MAX_ROWS_PER_STATEMENT) {
            throw new IllegalArgumentException("at most " + MAX_ROWS_PER_STATEMENT
                    + " branches can be appended at once");
        }
        try {
            if (dialect == JdbcDialect.H2) {
                tx.executeWithoutResult(status -> {
                    lockGlobal(gid, expectedStatus);
                    insertBranchRows(branches);
                });
                return;
            }
            List<Object> args = new ArrayList<>();
            String sql;
            if (dialect == JdbcDialect.POSTGRES) {
                args.add(gid);
                args.add(expectedStatus);
                branches.forEach(b -> args.addAll(branchValueArgs(b)));
                sql = "WITH g AS (SELECT gid FROM trans_global WHERE gid = ? AND status = ? FOR SHARE) "
                        + "INSERT INTO trans_branch_op (gid, " + JdbcDialect.BRANCH_VALUE_COLUMNS + ") SELECT g.gid, "
                        + V_COLUMNS + " FROM g, " + dialect.branchValuesTable(branches.size()) + " ORDER BY v.n";
            }
            else {
                branches.forEach(b -> args.addAll(branchValueArgs(b)));
                args.add(gid);
                args.add(expectedStatus);
                sql = "INSERT INTO trans_branch_op (gid, " + JdbcDialect.BRANCH_VALUE_COLUMNS + ") SELECT g.gid, "
                        + V_COLUMNS + " FROM trans_global g JOIN " + dialect.branchValuesTable(branches.size())
                        + " WHERE g.gid = ? AND g.status = ? ORDER BY v.n FOR UPDATE";
            }
            if (jdbc.update(sql, args.toArray()) == 0) {
                throw statusConflict(gid, expectedStatus);
            }
        }
        catch (DuplicateKeyException ex) {
            throw new DuplicateBranchException("branch " + branches.get(0).getBranchId() + " op "
                    + branches.get(0).getOp() + " of gid " + gid + " is already registered");
        }
    }

    /**
     * One statement on MySQL and PostgreSQL (a join of the branch rows with the global row, read with a locking read,
     * and with the results as a derived table); H2: lock, then one update per branch, in one transaction.
     */
    @Override
    public void updateBranchStatuses(String gid, String expectedStatus, String expectedOwner,
            List<BranchUpdate> updates) {
        List<TransBranch> branches = distinctBranches(updates);
        if (branches.isEmpty()) {
            return;
        }
        if (dialect == JdbcDialect.H2 || branches.size() > MAX_ROWS_PER_STATEMENT) {
            tx.executeWithoutResult(status -> {
                lockGlobal(gid, expectedStatus, expectedOwner);
                branches.forEach(b -> updateBranchRow(gid, b));
            });
            return;
        }
        List<Object> args = new ArrayList<>();
        String sql;
        if (dialect == JdbcDialect.POSTGRES) {
            args.add(gid);
            args.add(expectedStatus);
            addOwner(args, expectedOwner);
            branches.forEach(b -> args.addAll(branchUpdateArgs(b)));
            sql = "WITH g AS (SELECT gid FROM trans_global WHERE gid = ? AND status = ?" + ownerCondition("",
                    expectedOwner) + " FOR SHARE) "
                    + "UPDATE trans_branch_op t SET status = v.status, finish_time = v.finish_time, "
                    + "update_time = v.update_time FROM g, " + dialect.branchUpdatesTable(branches.size())
                    + " WHERE t.gid = g.gid AND t.branch_id = v.branch_id AND t.op = v.op";
        }
        else {
            branches.forEach(b -> args.addAll(branchUpdateArgs(b)));
            args.add(gid);
            args.add(expectedStatus);
            addOwner(args, expectedOwner);
            sql = "UPDATE trans_branch_op b JOIN trans_global g ON g.gid = b.gid JOIN "
                    + dialect.branchUpdatesTable(branches.size()) + " ON v.branch_id = b.branch_id AND v.op = b.op "
                    + "SET b.status = v.status, b.finish_time = v.finish_time, b.update_time = v.update_time "
                    + "WHERE b.gid = ? AND g.status = ?" + ownerCondition("g.", expectedOwner);
        }
        if (jdbc.update(sql, args.toArray()) == 0) {
            throw statusConflict(gid, expectedStatus);
        }
    }

    /**
     * The status change and the branch results of the pass, atomically, in one statement on MySQL (a multi-table
     * UPDATE of the global row and the branch rows, guarded by the old status and owner) and PostgreSQL (a CTE
     * updating the global, then the branches from its RETURNING); H2: one transaction.
     */
    @Override
    public boolean changeGlobalStatus(TransGlobal g, String oldStatus, String expectedOwner,
            List<BranchUpdate> updates) {
        List<TransBranch> branches = distinctBranches(updates);
        if (branches.isEmpty()) {
            return changeGlobalRow(g, oldStatus, expectedOwner);
        }
        if (dialect == JdbcDialect.H2 || branches.size() > MAX_ROWS_PER_STATEMENT) {
            Boolean changed = tx.execute(status -> {
                if (!changeGlobalRow(g, oldStatus, expectedOwner)) {
                    return false;
                }
                branches.forEach(b -> updateBranchRow(g.getGid(), b));
                return true;
            });
            return Boolean.TRUE.equals(changed);
        }
        List<Object> args = new ArrayList<>();
        String sql;
        if (dialect == JdbcDialect.POSTGRES) {
            args.addAll(globalChangeArgs(g));
            args.add(g.getGid());
            args.add(oldStatus);
            addOwner(args, expectedOwner);
            branches.forEach(b -> args.addAll(branchUpdateArgs(b)));
            sql = "WITH g AS (UPDATE trans_global SET " + GLOBAL_CHANGE_SET + " WHERE gid = ? AND status = ?"
                    + ownerCondition("", expectedOwner) + " RETURNING gid), "
                    + "b AS (UPDATE trans_branch_op t SET status = v.status, finish_time = v.finish_time, "
                    + "update_time = v.update_time FROM g, " + dialect.branchUpdatesTable(branches.size())
                    + " WHERE t.gid = g.gid AND t.branch_id = v.branch_id AND t.op = v.op RETURNING 1) "
                    + "SELECT count(*) FROM g";
            Integer changed = jdbc.queryForObject(sql, Integer.class, args.toArray());
            return changed != null && changed == 1;
        }
        branches.forEach(b -> args.addAll(branchUpdateArgs(b)));
        args.addAll(globalChangeArgs(g));
        args.add(g.getGid());
        args.add(oldStatus);
        addOwner(args, expectedOwner);
        sql = "UPDATE trans_global g JOIN trans_branch_op b ON b.gid = g.gid JOIN "
                + dialect.branchUpdatesTable(branches.size()) + " ON v.branch_id = b.branch_id AND v.op = b.op "
                + "SET b.status = v.status, b.finish_time = v.finish_time, b.update_time = v.update_time, "
                + GLOBAL_CHANGE_SET.replace(", ", ", g.").replaceFirst("^", "g.") + " WHERE g.gid = ? AND g.status = ?"
                + ownerCondition("g.", expectedOwner);
        return jdbc.update(sql, args.toArray()) > 0;
    }

    private boolean changeGlobalRow(TransGlobal g, String oldStatus, String expectedOwner) {
        List<Object> args = new ArrayList<>(globalChangeArgs(g));
        args.add(g.getGid());
        args.add(oldStatus);
        addOwner(args, expectedOwner);
        return jdbc.update("UPDATE trans_global SET " + GLOBAL_CHANGE_SET + " WHERE gid = ? AND status = ?"
                + ownerCondition("", expectedOwner), args.toArray()) == 1;
    }

    private List<Object> globalChangeArgs(TransGlobal g) {
        return Arrays.asList(g.getStatus(), ts(g.getUpdateTime()), ts(g.getFinishTime()), ts(g.getRollbackTime()),
                g.getRollbackReason(), g.getResult(), g.getOwner(), ts(g.getNextCronTime()), g.getNextCronInterval(),
                g.getExtData());
    }

    private static String ownerCondition(String alias, String expectedOwner) {
        return expectedOwner == null ? "" : " AND " + alias + "owner = ?";
    }

    private static void addOwner(List<Object> args, String expectedOwner) {
        if (expectedOwner != null) {
            args.add(expectedOwner);
        }
    }

    private void updateBranchRow(String gid, TransBranch b) {
        jdbc.update("UPDATE trans_branch_op SET status = ?, finish_time = ?, update_time = ? "
                + "WHERE gid = ? AND branch_id = ? AND op = ?", b.getStatus(), ts(b.getFinishTime()),
                ts(b.getUpdateTime()), gid, b.getBranchId(), b.getOp());
    }

    private List<Object> branchUpdateArgs(TransBranch b) {
        return Arrays.asList(b.getBranchId(), b.getOp(), b.getStatus(), ts(b.getFinishTime()), ts(b.getUpdateTime()));
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
    public boolean touchCronTime(TransGlobal g, String expectedOwner, Instant now) {
        List<Object> args = new ArrayList<>(Arrays.asList(g.getNextCronInterval(), ts(g.getNextCronTime()), ts(now),
                g.getOwner(), g.getExtData(), g.getGid(), g.getStatus()));
        addOwner(args, expectedOwner);
        return jdbc.update("UPDATE trans_global SET next_cron_interval = ?, next_cron_time = ?, update_time = ?, "
                + "owner = ?, ext_data = ? WHERE gid = ? AND status = ?" + ownerCondition("", expectedOwner) + " AND "
                + UNFINISHED, args.toArray()) == 1;
    }

    /**
     * PostgreSQL: one {@code UPDATE ... RETURNING} of the most overdue row not locked by another claimer
     * ({@code FOR UPDATE SKIP LOCKED}). MySQL/H2, as dtm: pick one of the most overdue ids at random, claim it with
     * an optimistic {@code UPDATE ... WHERE id = ? AND <still due>}, and read it back if the update won.
     */
    @Override
    public Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner) {
        if (dialect == JdbcDialect.POSTGRES) {
            return jdbc.query("UPDATE trans_global SET owner = ?, next_cron_time = ?, update_time = ? "
                    + "WHERE id = (SELECT id FROM trans_global WHERE next_cron_time < ? AND " + UNFINISHED
                    + " ORDER BY next_cron_time LIMIT 1 FOR UPDATE SKIP LOCKED) AND next_cron_time < ? AND "
                    + UNFINISHED + " RETURNING " + GLOBAL_COLUMNS, GLOBAL_MAPPER, owner, ts(nextCronTime), ts(now),
                    exact(now), exact(now)).stream().findFirst();
        }
        List<Long> due = jdbc.queryForList("SELECT id FROM trans_global WHERE next_cron_time < ? AND " + UNFINISHED
                + " ORDER BY next_cron_time LIMIT " + DUE_CANDIDATES, Long.class, exact(now));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        long id = due.get(ThreadLocalRandom.current().nextInt(due.size()));
        int claimed = jdbc.update("UPDATE trans_global SET owner = ?, next_cron_time = ?, update_time = ? "
                + "WHERE id = ? AND next_cron_time < ? AND " + UNFINISHED, owner, ts(nextCronTime), ts(now), id,
                exact(now));
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + GLOBAL_COLUMNS + " FROM trans_global WHERE id = ? AND owner = ?",
                GLOBAL_MAPPER, id, owner).stream().findFirst();
    }

    /** Two statements: the ids (one more than {@code limit}, to tell has_remaining), then one update of them. */
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

    @Override
    public List<KvEntry> findKv(String cat, String key) {
        if (key == null || key.isEmpty()) {
            return jdbc.query("SELECT id, cat, k, v, version, create_time, update_time FROM kv WHERE cat = ? "
                    + "ORDER BY id", KV_MAPPER, cat);
        }
        return jdbc.query("SELECT id, cat, k, v, version, create_time, update_time FROM kv WHERE cat = ? AND k = ?",
                KV_MAPPER, cat, key);
    }

    @Override
    public KvPage scanKv(String cat, String position, int limit) {
        long after = position == null || position.isEmpty() ? 0 : Long.parseLong(position);
        List<KvEntry> rows = jdbc.query("SELECT id, cat, k, v, version, create_time, update_time FROM kv "
                + "WHERE cat = ? AND id > ? ORDER BY id LIMIT " + limit, KV_MAPPER, cat, after);
        String next = rows.size() < limit ? "" : String.valueOf(rows.get(rows.size() - 1).id());
        return new KvPage(rows, next);
    }

    @Override
    public boolean createKv(KvEntry e) {
        String sql = "INSERT INTO kv (cat, k, v, version, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?)"
                + (dialect == JdbcDialect.POSTGRES ? " ON CONFLICT DO NOTHING" : "");
        try {
            return jdbc.update(sql, e.cat(), e.k(), e.v(), e.version(), ts(e.createTime()), ts(e.updateTime())) == 1;
        }
        catch (DuplicateKeyException ex) {
            if (!dialect.catchesDuplicateKey()) {
                throw ex;
            }
            return false;
        }
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
    public void close() {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            }
            catch (Exception ex) {
                throw new IllegalStateException("closing the coordinator's connection pool failed", ex);
            }
        }
    }

    private void lockGlobal(String gid, String expectedStatus) {
        lockGlobal(gid, expectedStatus, null);
    }

    private void lockGlobal(String gid, String expectedStatus, String expectedOwner) {
        List<Object> args = new ArrayList<>(List.of(gid, expectedStatus));
        addOwner(args, expectedOwner);
        List<Long> locked = jdbc.queryForList("SELECT id FROM trans_global WHERE gid = ? AND status = ?"
                + ownerCondition("", expectedOwner) + " FOR UPDATE", Long.class, args.toArray());
        if (locked.isEmpty()) {
            throw statusConflict(gid, expectedStatus);
        }
    }

    private static StatusConflictException statusConflict(String gid, String expectedStatus) {
        return new StatusConflictException("no trans with gid: " + gid + " status: " + expectedStatus + " found");
    }

    /** One multi-row insert per {@link #MAX_ROWS_PER_STATEMENT} branches, rows in list order. */
    private void insertBranchRows(List<TransBranch> branches) {
        for (int from = 0; from < branches.size(); from += MAX_ROWS_PER_STATEMENT) {
            List<TransBranch> chunk = branches.subList(from, Math.min(branches.size(), from + MAX_ROWS_PER_STATEMENT));
            StringJoiner rows = new StringJoiner(", ");
            List<Object> args = new ArrayList<>(chunk.size() * 10);
            for (TransBranch b : chunk) {
                rows.add("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                args.add(b.getGid());
                args.addAll(branchValueArgs(b));
            }
            jdbc.update("INSERT INTO trans_branch_op (gid, " + JdbcDialect.BRANCH_VALUE_COLUMNS + ") VALUES " + rows,
                    args.toArray());
        }
    }

    /** The values of {@link JdbcDialect#BRANCH_VALUE_COLUMNS}. */
    private List<Object> branchValueArgs(TransBranch b) {
        return Arrays.asList(b.getUrl(), new SqlParameterValue(Types.BINARY, b.getBinData()), b.getBranchId(),
                b.getOp(), b.getStatus(), ts(b.getFinishTime()), ts(b.getRollbackTime()), ts(b.getCreateTime()),
                ts(b.getUpdateTime()));
    }

    /**
     * A time to store. MySQL's datetime and PostgreSQL's timestamptz(0) keep whole seconds, and MySQL rounds the
     * fraction; truncating first makes every store keep the same second (dtm writes whole seconds too).
     */
    private Object ts(Instant instant) {
        if (instant == null) {
            // typed, so that Spring does not ask the driver for the parameter type (a server round trip on MariaDB)
            return NULL_TIMESTAMP;
        }
        return Timestamp.from(dialect == JdbcDialect.H2 ? instant : instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static final SqlParameterValue NULL_TIMESTAMP = new SqlParameterValue(Types.TIMESTAMP, null);

    /** A time to compare with, kept exact. */
    private static Timestamp exact(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<TransGlobal> GLOBAL_MAPPER = (rs, n) -> {
        TransGlobal g = new TransGlobal();
        g.setId(rs.getLong("id"));
        g.setGid(rs.getString("gid"));
        g.setTransType(rs.getString("trans_type"));
        g.setStatus(rs.getString("status"));
        g.setQueryPrepared(rs.getString("query_prepared"));
        g.setProtocol(rs.getString("protocol"));
        g.setCreateTime(instant(rs, "create_time"));
        g.setUpdateTime(instant(rs, "update_time"));
        g.setFinishTime(instant(rs, "finish_time"));
        g.setRollbackTime(instant(rs, "rollback_time"));
        g.setOptions(TransJson.optionsFromJson(rs.getString("options")));
        g.setCustomData(rs.getString("custom_data"));
        g.setNextCronInterval(rs.getLong("next_cron_interval"));
        g.setNextCronTime(instant(rs, "next_cron_time"));
        g.setOwner(rs.getString("owner"));
        g.setExtData(rs.getString("ext_data"));
        g.setResult(rs.getString("result"));
        g.setRollbackReason(rs.getString("rollback_reason"));
        return g;
    };

    private static final RowMapper<TransBranch> BRANCH_MAPPER = (rs, n) -> {
        TransBranch b = new TransBranch();
        b.setId(rs.getLong("id"));
        b.setGid(rs.getString("gid"));
        b.setUrl(rs.getString("url"));
        b.setBinData(rs.getBytes("bin_data"));
        b.setBranchId(rs.getString("branch_id"));
        b.setOp(rs.getString("op"));
        b.setStatus(rs.getString("status"));
        b.setFinishTime(instant(rs, "finish_time"));
        b.setRollbackTime(instant(rs, "rollback_time"));
        b.setCreateTime(instant(rs, "create_time"));
        b.setUpdateTime(instant(rs, "update_time"));
        return b;
    };

    private static final RowMapper<KvEntry> KV_MAPPER = (rs, n) -> new KvEntry(rs.getLong("id"), rs.getString("cat"),
            rs.getString("k"), rs.getString("v"), rs.getLong("version"), instant(rs, "create_time"),
            instant(rs, "update_time"));
}
