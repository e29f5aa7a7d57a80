package io.dtm.spring.it;

import javax.sql.DataSource;

import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalTransaction;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Tcc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An application that calls its branches with dtm's own client (no Feign): the bank
 * participant, the embedded coordinator and annotated initiators in one service.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ BankController.class, LeanApp.Initiators.class })
public class LeanApp {

    @Bean
    ApplicationListener<ApplicationReadyEvent> bankTables(DataSource dataSource) {
        return (event) -> {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE IF NOT EXISTS bank_account"
                    + " (id INT PRIMARY KEY, balance BIGINT NOT NULL, frozen BIGINT NOT NULL)");
            jdbc.update("DELETE FROM bank_account");
            jdbc.update("INSERT INTO bank_account (id, balance, frozen) VALUES (1, 10000, 0), (2, 10000, 0)");
        };
    }

    /**
     * Initiators whose branches are added by URL, as an application without Feign does.
     * Public: its proxy is defined by the application's (filtering) class loader.
     */
    public static class Initiators {

        private final DtmClient dtm;

        private final String bank;

        public Initiators(DtmClient dtm, Environment environment) {
            this.dtm = dtm;
            this.bank = "http://localhost:" + environment.getProperty("server.port") + "/api/bank";
        }

        @GlobalSaga
        public String sagaTransfer(long amount) {
            GlobalTransaction.currentSaga()
                .add(this.bank + "/withdraw", this.bank + "/withdrawRevert", BankRequest.of(amount))
                .add(this.bank + "/deposit", this.bank + "/depositRevert", BankRequest.of(amount).account(2));
            return GlobalTransaction.currentGid();
        }

        @GlobalTcc(waitResult = true)
        public String tccTransfer(long amount) {
            Tcc tcc = this.dtm.tccFromContext();
            tcc.callBranch(BankRequest.of(amount), this.bank + "/tccWithdrawTry", this.bank + "/tccWithdrawConfirm",
                    this.bank + "/tccWithdrawCancel");
            tcc.callBranch(BankRequest.of(amount).account(2), this.bank + "/tccDepositTry",
                    this.bank + "/tccDepositConfirm", this.bank + "/tccDepositCancel");
            return tcc.gid();
        }

    }

}
