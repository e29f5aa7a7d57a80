package io.dtm.samples;

import static io.dtm.test.DtmAssertions.assertThat;
import static io.dtm.test.fault.BranchSelector.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.dtm.protocol.DtmFailureException;
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

/**
 * The bank's handlers proved with the test kit: each transfer keeps the money under every
 * fault on every branch call (the anomaly matrix), on H2 with the in-memory test
 * coordinator; and a saga's timeout in virtual time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "samples.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:bank-kit;DB_CLOSE_DELAY=-1",
                "dtm.timeout-to-fail=35s" })
@DtmTest
class TransferUnderFaultsTests {

    private static final long TOTAL = 2 * Accounts.INITIAL_BALANCE;

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    TransferService transfers;

    @Autowired
    Accounts accounts;

    private final Executable moneyIsKept = () -> {
        assertThat(this.accounts.balances().values().stream().mapToLong(Long::longValue).sum()).as("total money")
            .isEqualTo(TOTAL);
        assertThat(this.accounts.trading()).as("money reserved by a try").isZero();
    };

    @BeforeEach
    void resetAccounts() {
        this.accounts.reset();
    }

    @Test
    void theSagaKeepsTheMoneyUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.transfers.saga(TransReq.of(30)))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept);

        assertThat(runs).contains("TransOut: delivered after its compensation",
                "TransIn: answers FAILURE, then TransOutRevert (compensate): delivered twice",
                "TransIn: coordinator crashes after the call");
    }

    @Test
    void theTccTransferKeepsTheMoneyUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.transfers.tcc(TransReq.of(30)))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept);

        assertThat(runs).contains("TransOutTry: delivered after its compensation", "TransInTry: delivered twice",
                "TransInTry: answers FAILURE, then TransOutCancel (cancel): delivered twice",
                "TransOutConfirm (confirm): reply lost after commit");
    }

    @Test
    void theMessageKeepsTheMoneyUnderEveryFault() {
        this.dtm.faultMatrix(() -> this.transfers.msg(TransReq.of(30)))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept);
    }

    @Test
    void theWorkflowKeepsTheMoneyUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.transfers.workflow(TransReq.of(30)))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept);

        assertThat(runs).contains("TransIn: answers FAILURE, then TransOutRevert (rollback): delivered twice",
                "TransIn: delivered after its compensation", "TransOut: reply lost after commit");
    }

    @Test
    void aWorkflowBranchThatFailsRollsTheWorkflowBack() {
        this.dtm.inject(Fault.FAILURE.on(named("TransIn")));

        assertThatThrownBy(() -> this.transfers.workflow(TransReq.of(30))).isInstanceOf(DtmFailureException.class);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed()
            .hasCalls("TransOut", "TransIn", "TransInRevert", "TransOutRevert");
        assertThat(this.accounts.balances()).containsEntry(Accounts.TRANS_OUT_ACCOUNT, 10000L)
            .containsEntry(Accounts.TRANS_IN_ACCOUNT, 10000L);
    }

    @Test
    void aSagaWhoseTransInKeepsFailingIsRolledBackWhenItTimesOut() {
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransIn")).always());
        this.transfers.saga(TransReq.of(30));

        this.dtm.advance(Duration.ofSeconds(34));
        assertThat(this.dtm.lastTransaction()).hasStatus("submitted");
        assertThat(this.accounts.balances()).containsEntry(Accounts.TRANS_OUT_ACCOUNT, 9970L);

        this.dtm.advance(Duration.ofSeconds(2));
        assertThat(this.dtm.lastTransaction()).failed()
            .hasRollbackReason("Timeout after 35 seconds")
            .calledInOrder("TransOut", "TransIn", "TransInRevert", "TransOutRevert");
        assertThat(this.accounts.balances()).containsEntry(Accounts.TRANS_OUT_ACCOUNT, 10000L)
            .containsEntry(Accounts.TRANS_IN_ACCOUNT, 10000L);
    }

}
