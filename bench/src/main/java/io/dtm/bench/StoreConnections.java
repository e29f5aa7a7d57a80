package io.dtm.bench;

/**
 * Where each store (and the business database next to it) lives on this machine.
 * {@code -Dbench.database=dtm_large} names the MariaDB database and the PostgreSQL schema
 * (the business one gets {@code _busi} appended); {@code -Dbench.redis.url} the Redis
 * server and database.
 */
record StoreConnections(String storeType, String storeUrl, String username, String password, String busiUrl,
        String busiUser, String busiPassword) {

    static StoreConnections forStore(String store) {
        String mysqlUser = System.getProperty("bench.mysql.user", "dtm");
        String mysqlPassword = System.getProperty("bench.mysql.password", "dtm");
        String db = System.getProperty("bench.database", "dtm_bench");
        String mysql = "jdbc:mariadb://127.0.0.1:3306/";
        String create = "?createDatabaseIfNotExist=true";
        return switch (store) {
            case "h2" ->
                new StoreConnections("h2", "jdbc:h2:file:./target/bench-data/" + db + ";DB_CLOSE_ON_EXIT=FALSE", null,
                        null, "jdbc:h2:mem:busi;DB_CLOSE_DELAY=-1", null, null);
            case "mysql" -> new StoreConnections("mysql", mysql + db + create, mysqlUser, mysqlPassword,
                    mysql + db + "_busi" + create, mysqlUser, mysqlPassword);
            case "postgres" -> new StoreConnections("postgres",
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + db, "postgres", null,
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + db + "_busi", "postgres", null);
            case "redis" ->
                new StoreConnections("redis", System.getProperty("bench.redis.url", "redis://127.0.0.1:6379"), null,
                        null, mysql + db + "_busi" + create, mysqlUser, mysqlPassword);
            default -> throw new IllegalArgumentException("bench.store must be h2, mysql, postgres or redis");
        };
    }
}
