package io.dtm.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL URLs here name a schema (currentSchema=...) that must exist before a pool
 * connects to it.
 */
final class SchemaSupport {

    private SchemaSupport() {
    }

    static void ensurePostgresSchema(String url, String user) {
        int at = url.indexOf("currentSchema=");
        if (!url.startsWith("jdbc:postgresql") || at < 0) {
            return;
        }
        String schema = url.substring(at + "currentSchema=".length()).split("&")[0];
        try (Connection c = DriverManager.getConnection(url.substring(0, url.indexOf('?')), user, null);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot create schema " + schema + " at " + url, ex);
        }
    }

}
