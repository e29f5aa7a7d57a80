package io.dtm.spring.barrier;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The databases the tests run on: embedded H2, and the MariaDB and PostgreSQL servers on
 * 127.0.0.1.
 */
public final class Databases {

    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private Databases() {
    }

    public static HikariDataSource h2(String name) {
        return dataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /**
     * The MariaDB account: DTM_TEST_MYSQL_USER / DTM_TEST_MYSQL_PASSWORD, root without
     * password by default.
     */
    public static HikariDataSource mariadb() {
        return dataSource(MARIADB_URL, env("DTM_TEST_MYSQL_USER", "root"), env("DTM_TEST_MYSQL_PASSWORD", ""));
    }

    public static HikariDataSource postgres() {
        return dataSource(POSTGRES_URL, "postgres", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static HikariDataSource dataSource(String url, String user, String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(6);
        return dataSource;
    }

}
