package io.dtm.spring.it;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresXaIntegrationTests extends AbstractXaIntegrationTests {

    @Override
    String[] dataSourceProperties() {
        return new String[] { "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
                "spring.datasource.username=postgres", "spring.datasource.password=" };
    }

    @Override
    void checkDatabase(JdbcTemplate jdbc) {
        Integer max = jdbc.queryForObject("SHOW max_prepared_transactions", Integer.class);
        assertThat(max)
            .as("PostgreSQL needs max_prepared_transactions > 0 for XA "
                    + "(ALTER SYSTEM SET max_prepared_transactions = 50, then restart the server)")
            .isPositive();
    }

    @Override
    List<String> preparedXids(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT gid FROM pg_prepared_xacts", String.class);
    }

}
