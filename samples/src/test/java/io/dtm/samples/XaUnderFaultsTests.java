package io.dtm.samples;

import static io.dtm.test.DtmAssertions.assertThat;
import static io.dtm.test.fault.BranchSelector.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.TransReq;
import io.dtm.samples.transfer.TransferService;
import io.dtm.test.DtmTest;
import io.dtm.test.DtmTestCoordinator;
import io.dtm.test.fault.Fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The bank's XA branches under faults, with the test kit: the bank on MariaDB at
 * 127.0.0.1:3306 (user dtm/dtm, see scripts/services.sh; H2 has no XA PREPARE), in a
 * database of its own; the test coordinator on H2 as always.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "samples.run-on-startup=false",
                "spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/dtm_kit_samples?createDatabaseIfNotExist=true" })
@ActiveProfiles("mariadb")
@DtmTest
class XaUnderFaultsTests {

    private static final long TOTAL = 2 * Accounts.INITIAL_BALANCE;

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    TransferService transfers;

    @Autowired
    Accounts accounts;

    private final Executable moneyIsKept = () -> assertThat(
            this.accounts.balances().values().stream().mapToLong(Long::longValue).sum())
        .as("total money")
        .isEqualTo(TOTAL);

    @BeforeEach
    void resetAccounts() {
        this.accounts.reset();
    }

    @Test
    void anXaBranchWhoseReplyIsLostAfterItPreparedIsRolledBack() {
        this.dtm.inject(Fault.ERROR_AFTER_COMMIT.on(named("TransInXa")));

        assertThatThrownBy(() -> this.transfers.xa(TransReq.of(30))).hasMessageContaining("500");
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed().hasCalls("TransOutXa", "TransInXa", "phase2", "phase2");
        assertThat(this.dtm.lastTransaction().calls()).extracting((call) -> call.op())
            .containsExactly("action", "action", "rollback", "rollback");
        assertThat(this.accounts.balances()).containsEntry(Accounts.TRANS_OUT_ACCOUNT, 10000L)
            .containsEntry(Accounts.TRANS_IN_ACCOUNT, 10000L);
    }

    @Test
    void theXaTransferKeepsTheMoneyUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.transfers.xa(TransReq.of(30)))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept);

        assertThat(runs).contains("TransOutXa: answers FAILURE", "TransInXa: reply lost after commit",
                "phase2 (commit): delivered twice");
    }

}
