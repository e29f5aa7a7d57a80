package io.dtm.coordinator.store.jdbc;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The SQL that differs between the databases the coordinator can store its tables in.
 *
 * <ul>
 * <li>H2: a failed statement leaves the transaction usable, so duplicate keys are caught; branch appends lock the
 * global row with {@code SELECT ... FOR UPDATE} in a short transaction (H2 is embedded: round trips cost nothing).</li>
 * <li>MySQL/MariaDB: a plain insert whose duplicate-key error is caught (a failed statement does not abort the
 * transaction there, and unlike {@code INSERT IGNORE} no other error is silently turned into a warning); branch
 * writes are single statements that read the global row with a locking read in the same statement.</li>
 * <li>PostgreSQL: a failed statement aborts the whole transaction, so nothing relies on catching an error inside
 * one: {@code ON CONFLICT DO NOTHING} for inserts, and the global plus its branches go in one statement with
 * data-modifying CTEs; branch writes lock the global row with {@code FOR SHARE} in a CTE of the same statement;
 * a due row is claimed with one {@code UPDATE ... RETURNING} over {@code FOR UPDATE SKIP LOCKED}.</li>
 * </ul>
 */
public enum JdbcDialect {

    H2("h2"),
    MYSQL("mysql"),
    POSTGRES("postgres");

    /** Parameters of one branch row, in order, without the gid (which statements take from the global). */
    static final String BRANCH_VALUE_COLUMNS = "url, bin_data, branch_id, op, status, finish_time, rollback_time, "
            + "create_time, update_time";

    private final String schemaName;

    JdbcDialect(String schemaName) {
        this.schemaName = schemaName;
    }

    /** Whether a duplicate-key error is caught instead of avoided (everywhere but PostgreSQL). */
    boolean catchesDuplicateKey() {
        return this != POSTGRES;
    }

    /** A row of branch values with the casts the database needs to type unknown parameters. */
    private String branchValueRow(int n) {
        return switch (this) {
            case POSTGRES -> "(" + n + ", ?, CAST(? AS bytea), ?, ?, ?, CAST(? AS timestamptz), "
                    + "CAST(? AS timestamptz), CAST(? AS timestamptz), CAST(? AS timestamptz))";
            case H2, MYSQL -> throw new IllegalStateException(this + " has no typed VALUES rows here");
        };
    }

    /**
     * A derived table {@code v(n, url, bin_data, ...)} holding {@code count} branch rows (9 parameters each, see
     * {@link #BRANCH_VALUE_COLUMNS}), with {@code n} giving their order.
     */
    String branchValuesTable(int count) {
        if (this == MYSQL) {
            StringJoiner rows = new StringJoiner(" UNION ALL ", "(", ") v");
            rows.add("SELECT 1 AS n, ? AS url, ? AS bin_data, ? AS branch_id, ? AS op, ? AS status, ? AS finish_time, "
                    + "? AS rollback_time, ? AS create_time, ? AS update_time");
            for (int i = 2; i <= count; i++) {
                rows.add("SELECT " + i + ", ?, ?, ?, ?, ?, ?, ?, ?, ?");
            }
            return rows.toString();
        }
        StringJoiner rows = new StringJoiner(", ", "(VALUES ", ") AS v(n, " + BRANCH_VALUE_COLUMNS + ")");
        for (int i = 1; i <= count; i++) {
            rows.add(branchValueRow(i));
        }
        return rows.toString();
    }

    /**
     * A derived table {@code v(branch_id, op, status, finish_time, update_time)} of {@code count} branch results
     * (5 parameters each).
     */
    String branchUpdatesTable(int count) {
        return switch (this) {
            case MYSQL -> {
                StringJoiner rows = new StringJoiner(" UNION ALL ", "(", ") v");
                rows.add("SELECT ? AS branch_id, ? AS op, ? AS status, ? AS finish_time, ? AS update_time");
                for (int i = 2; i <= count; i++) {
                    rows.add("SELECT ?, ?, ?, ?, ?");
                }
                yield rows.toString();
            }
            case POSTGRES -> {
                StringJoiner rows = new StringJoiner(", ", "(VALUES ", ") AS v(branch_id, op, status, finish_time, "
                        + "update_time)");
                for (int i = 1; i <= count; i++) {
                    rows.add("(?, ?, ?, CAST(? AS timestamptz), CAST(? AS timestamptz))");
                }
                yield rows.toString();
            }
            case H2 -> throw new IllegalStateException("H2 writes branch results one by one");
        };
    }

    /** Classpath location of this database's schema script. */
    public String schemaLocation() {
        return "io/dtm/coordinator/store/jdbc/schema-" + schemaName + ".sql";
    }

    public static JdbcDialect fromStoreType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "mysql", "mariadb" -> MYSQL;
            case "postgres", "postgresql" -> POSTGRES;
            default -> throw new IllegalArgumentException("Unsupported JDBC store type '" + type
                    + "': use h2, mysql or postgres");
        };
    }
}
