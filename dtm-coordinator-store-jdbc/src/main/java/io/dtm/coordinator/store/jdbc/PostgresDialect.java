package io.dtm.coordinator.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * PostgreSQL: a failed statement aborts the whole transaction, so nothing relies on
 * catching an error inside one: {@code ON CONFLICT DO NOTHING} for inserts, and the
 * global plus its branches go in one statement with data-modifying CTEs; branch writes
 * lock the global row with {@code FOR SHARE} in a CTE of the same statement, the rows to
 * write joined in as a typed {@code VALUES} list; a due row is claimed with one
 * {@code UPDATE ... RETURNING} over {@code FOR UPDATE SKIP LOCKED}.
 */
final class PostgresDialect extends JdbcDialect {

    private static final String SKIP_DUPLICATE_KEY = " ON CONFLICT DO NOTHING";

    /** A CTE {@code g} holding the gid of the global it inserted, if it was new. */
    private static final String INSERT_GLOBAL_CTE = "WITH g AS (" + GlobalTable.TABLE.insert(1) + SKIP_DUPLICATE_KEY
            + " RETURNING gid)";

    private static final String CLAIM_ONE_DUE = "UPDATE trans_global SET owner = ?, next_cron_time = ?, "
            + "update_time = ? WHERE id = (SELECT id FROM trans_global WHERE next_cron_time < ? AND "
            + GlobalTable.UNFINISHED + " ORDER BY next_cron_time LIMIT 1 FOR UPDATE SKIP LOCKED) "
            + "AND next_cron_time < ? AND " + GlobalTable.UNFINISHED + " RETURNING "
            + Table.names(GlobalTable.TABLE.columns());

    PostgresDialect() {
        super("postgres");
    }

    @Override
    String timestampProbe() {
        return "SELECT CAST(? AS timestamptz) AS t";
    }

    @Override
    String skipDuplicateKeyClause() {
        return SKIP_DUPLICATE_KEY;
    }

    @Override
    boolean insertsGlobalWithBranchesInOneStatement() {
        return true;
    }

    /**
     * The global with {@code ON CONFLICT DO NOTHING}, then the branches from its
     * {@code RETURNING}.
     */
    @Override
    SqlStatement insertGlobalWithBranches(List<Object> global, List<List<Object>> branches) {
        List<Object> args = new ArrayList<>(global);
        String sql = INSERT_GLOBAL_CTE;
        if (!branches.isEmpty()) {
            sql += ", b AS (" + BranchTable.INSERT_FROM_VALUES + " FROM g, "
                    + values(BranchTable.VALUES, branches.size(), true) + " ORDER BY v.n RETURNING 1)";
            branches.forEach(args::addAll);
        }
        return SqlStatement.countingQuery(sql + " SELECT count(*) FROM g", args);
    }

    /** The driver sends the statements of one query string in one request. */
    @Override
    boolean runsStatementsInOneRequest() {
        return true;
    }

    @Override
    boolean writesBranchesInOneStatement() {
        return true;
    }

    @Override
    SqlStatement appendBranches(GlobalGuard guard, List<List<Object>> branches) {
        List<Object> args = new ArrayList<>();
        guard.addArgs(args);
        branches.forEach(args::addAll);
        return SqlStatement.update(lockGlobal(guard) + BranchTable.INSERT_FROM_VALUES + " FROM g, "
                + values(BranchTable.VALUES, branches.size(), true) + " ORDER BY v.n", args);
    }

    /**
     * Two statements in one request, which the driver sends with one Sync, so they run as
     * one implicit transaction: the first locks the global row against other appends
     * ({@code FOR NO KEY UPDATE}); the second, whose snapshot is taken after that lock is
     * granted, counts the stored rows (every append committed before is in it) and
     * inserts only within the room.
     */
    @Override
    SqlStatement appendBranchesBounded(GlobalGuard guard, List<List<Object>> branches, long roomCount, long roomBytes) {
        List<Object> args = new ArrayList<>();
        guard.addArgs(args);
        guard.addArgs(args);
        args.add(guard.gid());
        branches.forEach(args::addAll);
        args.add(roomCount);
        args.add(roomBytes);
        String where = "gid = ? AND status = ?" + guard.extraConditions("");
        return SqlStatement.update("SELECT 1 FROM trans_global WHERE " + where + " FOR NO KEY UPDATE; "
                + "WITH g AS (SELECT gid FROM trans_global WHERE " + where + "), t AS (SELECT count(*) AS c, "
                + "coalesce(sum(octet_length(bin_data)), 0) AS b FROM trans_branch_op WHERE gid = ?) "
                + BranchTable.INSERT_FROM_VALUES + " FROM g, t, " + values(BranchTable.VALUES, branches.size(), true)
                + " WHERE t.c <= ? AND t.b <= ? ORDER BY v.n", args);
    }

    @Override
    SqlStatement updateBranches(GlobalGuard guard, List<List<Object>> results) {
        List<Object> args = new ArrayList<>();
        guard.addArgs(args);
        results.forEach(args::addAll);
        return SqlStatement.update(lockGlobal(guard) + updateBranchesOf(results.size()), args);
    }

    /**
     * The global's update in a CTE, then the branches from its {@code RETURNING}; counts
     * the globals updated.
     */
    @Override
    SqlStatement changeGlobalWithBranches(List<Object> change, GlobalGuard guard, List<List<Object>> results) {
        List<Object> args = new ArrayList<>(change);
        guard.addArgs(args);
        results.forEach(args::addAll);
        return SqlStatement
            .countingQuery("WITH g AS (UPDATE trans_global SET " + Table.assignments(GlobalTable.STATUS_CHANGE, "")
                    + " WHERE gid = ? AND status = ?" + guard.extraConditions("") + " RETURNING gid), b AS ("
                    + updateBranchesOf(results.size()) + " RETURNING 1) SELECT count(*) FROM g", args);
    }

    @Override
    boolean claimsDueInOneStatement() {
        return true;
    }

    @Override
    SqlStatement claimOneDue(Object owner, Object nextCronTime, Object now, Object dueBefore) {
        return SqlStatement.query(CLAIM_ONE_DUE, List.of(owner, nextCronTime, now, dueBefore, dueBefore));
    }

    /**
     * A CTE {@code g} holding the guarded global's gid, read with a locking read that
     * lets other writers read it.
     */
    private static String lockGlobal(GlobalGuard guard) {
        return "WITH g AS (SELECT gid FROM trans_global WHERE gid = ? AND status = ?" + guard.extraConditions("")
                + " FOR SHARE) ";
    }

    /** Updates the branches of the global in {@code g} from {@code count} results. */
    private static String updateBranchesOf(int count) {
        return "UPDATE trans_branch_op t SET " + Table.assignmentsFromValues(BranchTable.RESULT, "") + " FROM g, "
                + values(BranchTable.KEYED_RESULT, count, false)
                + " WHERE t.gid = g.gid AND t.branch_id = v.branch_id AND t.op = v.op";
    }

    /**
     * A derived table {@code v} of {@code count} rows of parameters for {@code columns},
     * each cast to its column's type (PostgreSQL cannot infer it), numbered by a first
     * column {@code n} when {@code numbered}:
     * {@code (VALUES (1, ?, CAST(? AS bytea)), (2, ?, CAST(? AS bytea))) AS v(n, a, b)}.
     */
    private static String values(List<? extends Column<?, ?>> columns, int count, boolean numbered) {
        StringJoiner rows = new StringJoiner(", ", "(VALUES ",
                ") AS v(" + (numbered ? "n, " : "") + Table.names(columns) + ")");
        for (int i = 1; i <= count; i++) {
            StringJoiner row = new StringJoiner(", ", "(" + (numbered ? i + ", " : ""), ")");
            columns.forEach(c -> row.add(parameter(c.type())));
            rows.add(row.toString());
        }
        return rows.toString();
    }

    private static String parameter(Column.Type type) {
        return switch (type) {
            case BINARY -> "CAST(? AS bytea)";
            case TIMESTAMP -> "CAST(? AS timestamptz)";
            case TEXT, INTEGER -> "?";
        };
    }

}
