package io.dtm.bench;

/** Where each store (and the business database next to it) lives on this machine. */
record StoreConnections(String storeType, String storeUrl, String username, String password, String busiUrl,
        String busiUser, String busiPassword) {

    static StoreConnections forStore(String store) {
        String mysqlUser = System.getProperty("bench.mysql.user", "dtm");
        String mysqlPassword = System.getProperty("bench.mysql.password", "dtm");
        return switch (store) {
            case "h2" -> new StoreConnections("h2", "jdbc:h2:file:./target/bench-data/dtm;DB_CLOSE_ON_EXIT=FALSE", null,
                    null, "jdbc:h2:mem:busi;DB_CLOSE_DELAY=-1", null, null);
            case "mysql" -> new StoreConnections("mysql",
                    "jdbc:mariadb://127.0.0.1:3306/dtm_bench?createDatabaseIfNotExist=true", mysqlUser, mysqlPassword,
                    "jdbc:mariadb://127.0.0.1:3306/dtm_bench_busi?createDatabaseIfNotExist=true", mysqlUser,
                    mysqlPassword);
            case "postgres" -> new StoreConnections("postgres",
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=dtm_bench", "postgres", null,
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=dtm_bench_busi", "postgres", null);
            case "redis" -> new StoreConnections("redis", "redis://127.0.0.1:6379", null, null,
                    "jdbc:mariadb://127.0.0.1:3306/dtm_bench_busi?createDatabaseIfNotExist=true", mysqlUser,
                    mysqlPassword);
            default -> throw new IllegalArgumentException("bench.store must be h2, mysql, postgres or redis");
        };
    }
}
