package io.dtm.coordinator.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * MySQL and MariaDB: a plain insert whose duplicate-key error is caught (a failed
 * statement does not abort the transaction there); a global and its branches go to the
 * server in one request of several statements; branch writes are single statements
 * ({@code INSERT ... SELECT}, multi-table {@code UPDATE}) that read the global row with a
 * locking read, the rows to write joined in as a derived table of
 * {@code SELECT ... UNION ALL} rows.
 */
final class MySqlDialect extends JdbcDialect {

    private static final String DUPLICATE_KEY_SQL_STATE = "23000";

    private static final int DUPLICATE_KEY_ERROR = 1062;

    /**
     * {@code 2026-01-02 10:00:00}, with up to six digits of a fraction when there is one.
     */
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .appendLiteral(' ')
        .appendPattern("HH:mm:ss")
        .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
        .toFormatter(Locale.ROOT);

    MySqlDialect() {
        super("mysql");
    }

    @Override
    Map<String, String> dataSourceProperties() {
        return Map.of("allowMultiQueries", "true", "preserveInstants", "false");
    }

    @Override
    boolean supportsMultiStatements() {
        return true;
    }

    /**
     * A {@code datetime} holds the local time of the JVM's zone, as dtm keeps it. Times
     * go to the driver and back as that text, so that no connection option converts them
     * in one direction only, and without the date formatter and calendar the driver
     * builds for each {@code java.sql.Timestamp}.
     */
    @Override
    Object timestampParameter(Instant instant) {
        return DATETIME.format(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()));
    }

    @Override
    String timestampProbe() {
        return "SELECT CAST(? AS DATETIME) AS t";
    }

    @Override
    @Nullable Instant readTimestamp(ResultSet rs, String column) throws SQLException {
        String t = rs.getString(column);
        return t == null ? null : LocalDateTime.parse(t, DATETIME).atZone(ZoneId.systemDefault()).toInstant();
    }

    /**
     * MariaDB's error 1467 ("Failed to read auto-increment value from storage engine"):
     * seen on the counting {@code INSERT ... SELECT ... FOR UPDATE} of branch rows when
     * many transactions append at once; InnoDB rolls the statement back whole, so it can
     * run again.
     */
    @Override
    boolean isStatementToRetry(SQLException ex) {
        return ex.getErrorCode() == 1467;
    }

    @Override
    boolean isDuplicateKey(SQLException ex) {
        return DUPLICATE_KEY_SQL_STATE.equals(ex.getSQLState()) && ex.getErrorCode() == DUPLICATE_KEY_ERROR;
    }

    @Override
    boolean writesBranchesInOneStatement() {
        return true;
    }

    @Override
    SqlStatement appendBranches(GlobalGuard guard, List<List<Object>> branches) {
        List<Object> args = new ArrayList<>();
        branches.forEach(args::addAll);
        guard.addArgs(args);
        return SqlStatement.update(BranchTable.INSERT_FROM_VALUES + " FROM trans_global g JOIN "
                + rows(BranchTable.VALUES, branches.size(), true) + " WHERE g.gid = ? AND g.status = ?"
                + guard.extraConditions("g.") + " ORDER BY v.n FOR UPDATE", args);
    }

    /**
     * One {@code INSERT ... SELECT}: the global row is read first with a locking read
     * (the totals' subquery depends on it), and InnoDB reads the source rows of an
     * {@code INSERT ... SELECT} with locking reads, which see the latest committed rows
     * rather than the statement's snapshot: an append that waited for the lock counts the
     * rows of the append it waited for.
     */
    @Override
    SqlStatement appendBranchesBounded(GlobalGuard guard, List<List<Object>> branches, long roomCount, long roomBytes) {
        List<Object> args = new ArrayList<>();
        branches.forEach(args::addAll);
        guard.addArgs(args);
        args.add(roomCount);
        args.add(roomBytes);
        return SqlStatement.update(
                BranchTable.INSERT_FROM_VALUES + " FROM trans_global g JOIN "
                        + rows(BranchTable.VALUES, branches.size(), true) + " WHERE g.gid = ? AND g.status = ?"
                        + guard.extraConditions("g.") + " AND (SELECT COUNT(*) <= ? AND COALESCE(SUM(OCTET_LENGTH("
                        + "c.bin_data)), 0) <= ? FROM trans_branch_op c WHERE c.gid = g.gid) ORDER BY v.n FOR UPDATE",
                args);
    }

    @Override
    SqlStatement updateBranches(GlobalGuard guard, List<List<Object>> results) {
        List<Object> args = new ArrayList<>();
        results.forEach(args::addAll);
        guard.addArgs(args);
        return SqlStatement.update("UPDATE trans_branch_op b JOIN trans_global g ON g.gid = b.gid JOIN "
                + rows(BranchTable.KEYED_RESULT, results.size(), false) + " ON v.branch_id = b.branch_id AND "
                + "v.op = b.op SET " + Table.assignmentsFromValues(BranchTable.RESULT, "b.")
                + " WHERE b.gid = ? AND g.status = ?" + guard.extraConditions("g."), args);
    }

    /** One multi-table {@code UPDATE} of the global row and the branch rows. */
    @Override
    SqlStatement changeGlobalWithBranches(List<Object> change, GlobalGuard guard, List<List<Object>> results) {
        List<Object> args = new ArrayList<>();
        results.forEach(args::addAll);
        args.addAll(change);
        guard.addArgs(args);
        return SqlStatement.update("UPDATE trans_global g JOIN trans_branch_op b ON b.gid = g.gid JOIN "
                + rows(BranchTable.KEYED_RESULT, results.size(), false) + " ON v.branch_id = b.branch_id AND "
                + "v.op = b.op SET " + Table.assignmentsFromValues(BranchTable.RESULT, "b.") + ", "
                + Table.assignments(GlobalTable.STATUS_CHANGE, "g.") + " WHERE g.gid = ? AND g.status = ?"
                + guard.extraConditions("g."), args);
    }

    /**
     * A derived table {@code v} of {@code count} rows of parameters for {@code columns},
     * numbered by a first column {@code n} when {@code numbered}:
     * {@code (SELECT 1 AS n, ? AS a, ? AS b UNION ALL SELECT 2, ?, ?) v}.
     */
    private static String rows(List<? extends Column<?, ?>> columns, int count, boolean numbered) {
        StringJoiner rows = new StringJoiner(" UNION ALL ", "(", ") v");
        StringJoiner first = new StringJoiner(", ", "SELECT " + (numbered ? "1 AS n, " : ""), "");
        columns.forEach(c -> first.add("? AS " + c.name()));
        rows.add(first.toString());
        for (int i = 2; i <= count; i++) {
            StringJoiner row = new StringJoiner(", ", "SELECT " + (numbered ? i + ", " : ""), "");
            columns.forEach(c -> row.add("?"));
            rows.add(row.toString());
        }
        return rows.toString();
    }

}
