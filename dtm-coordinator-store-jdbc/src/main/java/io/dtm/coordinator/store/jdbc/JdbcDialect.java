package io.dtm.coordinator.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything about the store's SQL that differs between the databases it can keep its
 * tables in: one subclass per database ({@link #H2}, {@link #MYSQL} for MySQL and
 * MariaDB, {@link #POSTGRES}). {@link JdbcTransStore} asks the dialect what the database
 * can do and takes the statements only one database has from it.
 * <p>
 * Capabilities a dialect answers with {@code false} have no statement to build: asking
 * for one throws.
 */
public abstract sealed class JdbcDialect permits H2Dialect, MySqlDialect, PostgresDialect {

    public static final JdbcDialect H2 = new H2Dialect();

    public static final JdbcDialect MYSQL = new MySqlDialect();

    public static final JdbcDialect POSTGRES = new PostgresDialect();

    private final String storeType;

    JdbcDialect(String storeType) {
        this.storeType = storeType;
    }

    public static JdbcDialect fromStoreType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "mysql", "mariadb" -> MYSQL;
            case "postgres", "postgresql" -> POSTGRES;
            default -> throw new IllegalArgumentException(
                    "Unsupported JDBC store type '" + type + "': use h2, mysql or postgres");
        };
    }

    /**
     * The {@code dtm.coordinator.store.type} that names this database: h2, mysql or
     * postgres.
     */
    public String storeType() {
        return storeType;
    }

    /** Classpath location of this database's schema script. */
    public String schemaLocation() {
        return "io/dtm/coordinator/store/jdbc/schema-" + storeType + ".sql";
    }

    @Override
    public String toString() {
        return storeType;
    }

    // connections

    /** The URL used when none is configured, or {@code null} when one is required. */
    @Nullable String defaultUrl() {
        return null;
    }

    /**
     * Driver properties the store's connections need (see
     * {@link #supportsMultiStatements()}).
     */
    Map<String, String> dataSourceProperties() {
        return Map.of();
    }

    // values

    /**
     * Whether the time columns keep whole seconds only (MySQL's datetime rounds a
     * fraction, PostgreSQL's timestamptz(0) too); the store then truncates every time it
     * writes, so that each store keeps the same second.
     */
    boolean storesWholeSeconds() {
        return true;
    }

    /** A time as a statement parameter. */
    Object timestampParameter(Instant instant) {
        return Timestamp.from(instant);
    }

    /**
     * A query of one row whose column {@code t} is its one time parameter, as a time
     * column holds it.
     */
    String timestampProbe() {
        return "SELECT CAST(? AS TIMESTAMP) AS t";
    }

    /** A time column of the current row, {@code null} when SQL NULL. */
    @Nullable Instant readTimestamp(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // inserts

    /**
     * The clause that makes an insert skip a row whose unique key exists, or {@code ""}
     * when the duplicate-key error is caught instead (where a failed statement leaves the
     * transaction usable, and unlike {@code INSERT IGNORE} no other error is turned into
     * a warning).
     */
    String skipDuplicateKeyClause() {
        return "";
    }

    /**
     * Whether a global and its branches can be inserted by one statement that skips a
     * duplicate gid and counts the globals it inserted
     * ({@link #insertGlobalWithBranches}).
     */
    boolean insertsGlobalWithBranchesInOneStatement() {
        return false;
    }

    /**
     * @param global the global row, as {@link GlobalTable#TABLE}'s inserted columns
     * @param branches the branch rows, each as {@link BranchTable#VALUES}
     */
    SqlStatement insertGlobalWithBranches(List<Object> global, List<List<Object>> branches) {
        throw unsupported("inserts a global with its branches in one statement");
    }

    /**
     * Whether the connections run several statements sent in one request, once configured
     * with {@link #dataSourceProperties()}: a global and its branches are then inserted
     * in one round trip ({@code START TRANSACTION; INSERT; INSERT; COMMIT}).
     */
    boolean supportsMultiStatements() {
        return false;
    }

    /**
     * Whether one request can carry several statements with parameters, each run with a
     * snapshot of its own (MySQL with {@link #supportsMultiStatements()}, PostgreSQL).
     */
    boolean runsStatementsInOneRequest() {
        return supportsMultiStatements();
    }

    /** Whether {@code ex}, failing a multi-statement request, is a duplicate key. */
    boolean isDuplicateKey(SQLException ex) {
        return false;
    }

    /**
     * Whether {@code ex} failed a single statement that the database rolled back whole
     * and that may simply be run again.
     */
    boolean isStatementToRetry(SQLException ex) {
        return false;
    }

    // branch writes

    /**
     * Whether branch rows are written by one statement that also reads the global row
     * with a locking read and writes nothing unless the global is as the
     * {@link GlobalGuard} requires; otherwise the store locks the global row first, in a
     * short transaction.
     */
    boolean writesBranchesInOneStatement() {
        return false;
    }

    /**
     * Inserts branch rows (each as {@link BranchTable#VALUES}) in list order; updates no
     * row unless the guard holds.
     */
    SqlStatement appendBranches(GlobalGuard guard, List<List<Object>> branches) {
        throw unsupported("appends branches in one statement");
    }

    /**
     * {@link #appendBranches} that inserts only while the global's stored branch rows
     * number at most {@code roomCount} and hold at most {@code roomBytes} data bytes,
     * counted after the global row is locked against other appends, so the count sees
     * every append committed before. Run with {@code execute}; the last update count is
     * the number of rows written.
     */
    SqlStatement appendBranchesBounded(GlobalGuard guard, List<List<Object>> branches, long roomCount, long roomBytes) {
        throw unsupported("appends bounded branches in one request");
    }

    /**
     * Writes branch results (each as {@link BranchTable#KEYED_RESULT}); updates no row
     * unless the guard holds.
     */
    SqlStatement updateBranches(GlobalGuard guard, List<List<Object>> results) {
        throw unsupported("writes branch results in one statement");
    }

    /**
     * Writes a status change ({@link GlobalTable#STATUS_CHANGE}) of the global the guard
     * names, if it holds, and the branch results (as {@link BranchTable#KEYED_RESULT})
     * with it; writes nothing unless the guard holds.
     */
    SqlStatement changeGlobalWithBranches(List<Object> change, GlobalGuard guard, List<List<Object>> results) {
        throw unsupported("changes a global and its branches in one statement");
    }

    // the poller

    /**
     * Whether the most overdue unfinished global that no other claimer has locked can be
     * claimed and read back in one statement ({@link #claimOneDue}); otherwise the store
     * picks a candidate, claims it optimistically and reads it back.
     */
    boolean claimsDueInOneStatement() {
        return false;
    }

    /**
     * Sets owner, next_cron_time and update_time of the chosen global whose
     * next_cron_time is before {@code dueBefore}, and returns its row (every column of
     * {@link GlobalTable#TABLE}), or no row.
     */
    SqlStatement claimOneDue(Object owner, Object nextCronTime, Object now, Object dueBefore) {
        throw unsupported("claims a due global in one statement");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("the " + storeType + " store never " + what);
    }

}
