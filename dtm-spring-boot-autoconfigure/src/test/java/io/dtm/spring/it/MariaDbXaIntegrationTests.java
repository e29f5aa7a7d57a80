package io.dtm.spring.it;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

class MariaDbXaIntegrationTests extends AbstractXaIntegrationTests {

    @Override
    String[] dataSourceProperties() {
        return new String[] { "spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/test",
                "spring.datasource.username=root", "spring.datasource.password=" };
    }

    @Override
    List<String> preparedXids(JdbcTemplate jdbc) {
        return jdbc.query("XA RECOVER", (rs, row) -> rs.getString("data"));
    }

}
