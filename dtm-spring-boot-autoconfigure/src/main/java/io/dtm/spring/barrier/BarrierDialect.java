package io.dtm.spring.barrier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StreamUtils;

/**
 * The SQL a database needs for the branch barrier.
 */
public abstract class BarrierDialect {

    static final String COLUMNS = "(trans_type, gid, branch_id, op, barrier_id, reason) VALUES (?, ?, ?, ?, ?, ?)";

    /** Short name, also the suffix of the DDL resource {@code schema-<name>.sql}. */
    public abstract String name();

    /** The database as messages name it. */
    public abstract String displayName();

    /**
     * Inserts a barrier row unless one with the same (gid, branch_id, op, barrier_id)
     * exists.
     */
    public abstract int insertIgnore(JdbcTemplate jdbc, String table, String transType, String gid, String branchId,
            String op, String barrierId, String reason);

    public abstract String createSchemaSql(String schema);

    public String ddlResource() {
        return "io/dtm/spring/barrier/schema-" + name() + ".sql";
    }

    /**
     * The {@code CREATE TABLE} statement of {@code table} ([schema.]table), without a
     * trailing semicolon.
     */
    public String createTableSql(String table) {
        try (InputStream input = new ClassPathResource(ddlResource()).getInputStream()) {
            String ddl = StreamUtils.copyToString(input, StandardCharsets.UTF_8).trim();
            if (ddl.endsWith(";")) {
                ddl = ddl.substring(0, ddl.length() - 1);
            }
            return ddl.replace("${table}", table).replace("${name}", table.substring(table.indexOf('.') + 1));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + ddlResource(), ex);
        }
    }

    /**
     * The statements that create {@code table} and its schema, each ending with a
     * semicolon, ready to run.
     */
    public String createTableScript(String table) {
        int dot = table.indexOf('.');
        String schema = (dot > 0) ? createSchemaSql(table.substring(0, dot)) + ";\n" : "";
        return schema + createTableSql(table) + ";";
    }

}
