package io.dtm.bench;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Copies with {@code INSERT ... SELECT} on the server: the template's rows joined with a
 * table of numbers, {@link #CHUNK} transactions per statement, every column but the id
 * copied as the store wrote it.
 */
class JdbcPreload implements StorePreload {

    private static final int CHUNK = 5_000;

    private static final String NUMBERS = "bench_preload_numbers";

    private final SingleConnectionDataSource dataSource;

    private final JdbcTemplate jdbc;

    JdbcPreload(StoreConnections c) {
        this.dataSource = new SingleConnectionDataSource(c.storeUrl(), c.username(), c.password(), true);
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP TABLE IF EXISTS " + NUMBERS);
        jdbc.execute("CREATE TABLE " + NUMBERS + " (i INT PRIMARY KEY)");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < CHUNK; i++) {
            rows.add(new Object[] { i });
        }
        jdbc.batchUpdate("INSERT INTO " + NUMBERS + " (i) VALUES (?)", rows);
    }

    @Override
    public boolean exists(String gid) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM trans_global WHERE gid = ?", Integer.class, gid) > 0;
    }

    @Override
    public void copy(String template, String prefix, int count, boolean due) {
        // due since the template was created, a moment ago
        Map<String, String> global = !due ? Map.of() : Map.of("status", "'submitted'", "finish_time", "NULL", "owner",
                "''", "result", "''", "next_cron_time", "t.create_time");
        Map<String, String> branch = !due ? Map.of() : Map.of("status", "'prepared'", "finish_time", "NULL");
        for (int from = 0; from < count; from += CHUNK) {
            int size = Math.min(CHUNK, count - from);
            String gid = "CONCAT('" + prefix + "', n.i + " + from + ")";
            jdbc.update(insertSelect("trans_global", gid, global, ""), template, size);
            jdbc.update(insertSelect("trans_branch_op", gid, branch, " ORDER BY n.i, t.id"), template, size);
        }
        analyze();
    }

    /**
     * Fresh statistics, as a table that grew over time has: right after a bulk load the
     * planner would otherwise still see an empty table.
     */
    private void analyze() {
        String url = dataSource.getUrl();
        if (url.startsWith("jdbc:postgresql")) {
            jdbc.execute("ANALYZE trans_global");
            jdbc.execute("ANALYZE trans_branch_op");
        }
        else if (url.startsWith("jdbc:mariadb") || url.startsWith("jdbc:mysql")) {
            jdbc.execute("ANALYZE TABLE trans_global, trans_branch_op");
        }
        else {
            jdbc.execute("ANALYZE");
        }
    }

    /**
     * {@code INSERT INTO
     *
    <table>
     *  (<columns>) SELECT <gid>, t.<column> ... FROM
     *
    <table>
     *  t,
     * <numbers> n WHERE t.gid = ? AND n.i < ?}, with {@code overrides} in place of some
     * columns.
     */
    private String insertSelect(String table, String gid, Map<String, String> overrides, String order) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (String column : columns(table)) {
            names.add(column);
            values.add(column.equals("gid") ? gid : overrides.getOrDefault(column, "t." + column));
        }
        return "INSERT INTO " + table + " (" + names + ") SELECT " + values + " FROM " + table + " t, " + NUMBERS
                + " n WHERE t.gid = ? AND n.i < ?" + order;
    }

    /** The table's columns but the generated id, in table order. */
    private List<String> columns(String table) {
        return jdbc.execute((ConnectionCallback<List<String>>) con -> {
            List<String> names = new ArrayList<>();
            try (var ps = con.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0"); var rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                    if (!name.equals("id")) {
                        names.add(name);
                    }
                }
            }
            return names;
        });
    }

    @Override
    public void close() {
        jdbc.execute("DROP TABLE IF EXISTS " + NUMBERS);
        dataSource.destroy();
    }

}
