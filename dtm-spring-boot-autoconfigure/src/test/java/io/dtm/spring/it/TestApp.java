package io.dtm.spring.it;

import javax.sql.DataSource;

import io.dtm.spring.bank.AccountTable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The application every test service runs: a bank participant, the echo endpoint and
 * an @Async hop. The initiator also runs the embedded coordinator.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@EnableFeignClients(clients = EchoClient.class)
@Import({ BankController.class, EchoController.class, AsyncHop.class })
public class TestApp {

    @Bean
    ApplicationListener<ApplicationReadyEvent> bankTables(DataSource dataSource, Environment environment) {
        return (event) -> {
            if (environment.getProperty("bank.create-table", Boolean.class, true)) {
                String table = environment.getProperty("bank.table", "bank_account");
                new AccountTable(table).reset(new JdbcTemplate(dataSource));
            }
        };
    }

}
