package io.dtm.coordinator.store.jdbc;

import java.util.Locale;

/** The SQL that differs between the databases the coordinator can store its tables in. */
public enum JdbcDialect {

    H2("h2", "INSERT INTO ", ""),
    MYSQL("mysql", "INSERT IGNORE INTO ", ""),
    POSTGRES("postgres", "INSERT INTO ", " ON CONFLICT DO NOTHING");

    private final String schemaName;
    private final String insertIgnorePrefix;
    private final String insertIgnoreSuffix;

    JdbcDialect(String schemaName, String insertIgnorePrefix, String insertIgnoreSuffix) {
        this.schemaName = schemaName;
        this.insertIgnorePrefix = insertIgnorePrefix;
        this.insertIgnoreSuffix = insertIgnoreSuffix;
    }

    /** An insert that affects 0 rows instead of failing when a unique key already exists. */
    String insertIgnore(String tableAndColumns, String values) {
        return insertIgnorePrefix + tableAndColumns + " VALUES " + values + insertIgnoreSuffix;
    }

    /**
     * H2 has no insert-ignore outside its compatibility modes, but a failed statement there leaves the
     * transaction usable, so the store catches the duplicate-key error instead.
     */
    boolean insertIgnoreNeedsCatch() {
        return this == H2;
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
