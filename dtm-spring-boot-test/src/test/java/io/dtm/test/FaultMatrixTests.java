package io.dtm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.dtm.fixture.bank.Accounts;
import io.dtm.fixture.bank.TestBankApplication;
import io.dtm.fixture.bank.TransferService;
import io.dtm.test.fault.Fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The anomaly matrix over the tiny bank: a participant behind the barrier passes, one
 * without it is caught.
 */
@SpringBootTest(classes = TestBankApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DtmTest
class FaultMatrixTests {

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    TransferService transfers;

    @Autowired
    Accounts accounts;

    private final Executable moneyIsKept = () -> assertThat(this.accounts.total()).as("total money")
        .isEqualTo(Accounts.TOTAL);

    @BeforeEach
    void resetAccounts() {
        this.accounts.reset();
    }

    @Test
    void aParticipantBehindTheBarrierKeepsTheMoneyUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.transfers.transfer(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept);

        assertThat(runs).contains("without any fault", "TransOut: answers FAILURE", "TransIn: reply lost after commit",
                "TransIn: times out after commit", "TransIn: delivered twice",
                "TransIn: answers 500 before the handler runs",
                "TransIn: answers FAILURE, then TransOutRevert (compensate): delivered twice",
                "TransIn: answers FAILURE, then TransInRevert (compensate): reply lost after commit",
                "TransOut: delivered after its compensation", "TransIn: delivered after its compensation",
                "TransIn: coordinator crashes after the call",
                "TransIn: answers FAILURE, then TransOutRevert (compensate): coordinator crashes after the call");
        assertThat(runs).doesNotContain("TransOutRevert (compensate): delivered after its compensation");
        assertThat(runs).doesNotContain("TransOutRevert (compensate): answers FAILURE");
    }

    @Test
    void tccConfirmsBehindTheBarrierKeepTheMoneyUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.transfers.transferTcc(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .verify(() -> {
                assertThat(this.accounts.total()).as("total money").isEqualTo(Accounts.TOTAL);
                assertThat(this.accounts.frozen()).as("money still frozen").isZero();
            });

        assertThat(runs).contains("without any fault", "TransOutTry: answers FAILURE",
                "TransOutTry: answers 500 before the handler runs", "TransOutTry: reply lost after commit",
                "TransInTry: times out after commit", "TransInTry: delivered twice",
                "TransOutTry: delivered after its compensation",
                "TransInTry: answers FAILURE, then TransOutCancel (cancel): delivered twice",
                "TransOutTry: reply lost after commit, then TransOutCancel (cancel): coordinator crashes after the call",
                "TransInConfirm (confirm): answers 500 before the handler runs",
                "TransOutConfirm (confirm): delivered twice",
                "TransOutConfirm (confirm): coordinator crashes after the call");
        assertThat(runs).doesNotContain("TransOutTry: coordinator crashes after the call",
                "TransOutConfirm (confirm): answers FAILURE", "TransOutCancel (cancel): answers FAILURE");
    }

    @Test
    void aTccCancelOutsideTheBarrierIsCaughtWhenItIsDeliveredAgain() {
        assertThatThrownBy(() -> this.dtm.faultMatrix(() -> this.transfers.transferTccThroughBrokenBank(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .verify(() -> {
                assertThat(this.accounts.total()).as("total money").isEqualTo(Accounts.TOTAL);
                assertThat(this.accounts.frozen()).as("money still frozen").isZero();
            })).isInstanceOf(AssertionError.class)
            .hasMessageContaining("TransInTry: answers FAILURE, then TransOutCancel (cancel): delivered twice → "
                    + "invariant failed: [total money] expected: 20000L but was: 20030L")
            .hasMessageContaining("calls: TransOutTry -> SUCCESS, TransInTry -> FAILURE [answers FAILURE], "
                    + "TransInCancel (cancel) -> SUCCESS, TransOutCancel (cancel) -> SUCCESS [delivered twice]")
            .hasMessageContaining("TransOutTry: reply lost after commit, then TransOutCancel (cancel): "
                    + "reply lost after commit → invariant failed")
            .hasMessageNotContaining("TransOutTry: answers FAILURE, then TransOutCancel (cancel): delivered twice →")
            .hasMessageNotContaining("Confirm (confirm)");
    }

    @Test
    void aTryOutsideTheBarrierIsCaughtWhenItArrivesAfterItsCancel() {
        assertThatThrownBy(() -> this.dtm.faultMatrix(() -> this.transfers.transferTccThroughHangingBank(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .verify(() -> {
                assertThat(this.accounts.total()).as("total money").isEqualTo(Accounts.TOTAL);
                assertThat(this.accounts.frozen()).as("money still frozen").isZero();
            })).isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("every broken run repeats `TransOutTry` or `TransOutCancel`")
            .hasMessageContaining("1 of 93 runs broke the invariant:")
            .hasMessageContaining("TransOutTry: delivered after its compensation → "
                    + "invariant failed: [total money] expected: 20000L but was: 19970L")
            .hasMessageContaining("calls: TransOutTry -> FAILURE [delivered after its compensation], "
                    + "TransOutCancel (cancel) -> SUCCESS, TransOutTry -> SUCCESS [delivered after its compensation]");
    }

    @Test
    void aCompensationOutsideTheBarrierIsCaughtWhenItIsDeliveredAgain() {
        assertThatThrownBy(() -> this.dtm.faultMatrix(() -> this.transfers.transferThroughBrokenBank(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept)).isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("every broken run repeats `TransOutRevert` or runs it out of turn")
            .hasMessageContaining("is it behind the branch barrier (@DtmBarrier")
            .hasMessageContaining("TransIn: answers FAILURE, then TransOutRevert (compensate): delivered twice → "
                    + "invariant failed: [total money] expected: 20000L but was: 20030L")
            .hasMessageContaining(
                    "TransIn: answers FAILURE, then TransOutRevert (compensate): reply lost after commit → "
                            + "invariant failed")
            .hasMessageNotContaining("TransIn: reply lost after commit →")
            .hasMessageNotContaining("stopped at the first");
    }

    @Test
    void anActionOutsideTheBarrierIsCaughtWhenItArrivesAfterItsCompensation() {
        assertThatThrownBy(() -> this.dtm.faultMatrix(() -> this.transfers.transferThroughHangingBank(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .verify(this.moneyIsKept)).isInstanceOf(AssertionError.class)
            .hasMessageContaining(System.lineSeparator() + "1 of ")
            .hasMessageContaining("TransIn: delivered after its compensation → "
                    + "invariant failed: [total money] expected: 20000L but was: 20030L")
            .hasMessageContaining("TransIn -> FAILURE [delivered after its compensation], "
                    + "TransInRevert (compensate) -> SUCCESS, TransOutRevert (compensate) -> SUCCESS, "
                    + "TransIn -> SUCCESS [delivered after its compensation]");
    }

    @Test
    void aCompensationOutsideTheBarrierLetsItsActionThroughWhenTheActionArrivesLate() {
        // the barrier refuses a late action only when the compensation went through the
        // barrier before it
        assertThatThrownBy(() -> this.dtm.faultMatrix(() -> this.transfers.transferThroughBrokenBank(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .faults(Fault.DELIVERED_AFTER_COMPENSATION)
            .verify(this.moneyIsKept)).isInstanceOf(AssertionError.class)
            .hasMessageContaining(System.lineSeparator() + "1 of 3 runs")
            .hasMessageContaining("TransOut: delivered after its compensation → "
                    + "invariant failed: [total money] expected: 20000L but was: 19970L");
    }

    @Test
    void aCompensationOutsideTheBarrierIsCaughtWhenTheCoordinatorCrashesAfterIt() {
        assertThatThrownBy(() -> this.dtm.faultMatrix(() -> this.transfers.transferThroughBrokenBank(1, 2, 30))
            .beforeEach(this.accounts::reset)
            .faults(Fault.FAILURE, Fault.COORDINATOR_CRASH_AFTER_CALL)
            .verify(this.moneyIsKept)).isInstanceOf(AssertionError.class)
            .hasMessageContaining(System.lineSeparator() + "1 of ")
            .hasMessageContaining(
                    "TransIn: answers FAILURE, then TransOutRevert (compensate): coordinator crashes after the call → "
                            + "invariant failed: [total money] expected: 20000L but was: 20030L");
    }

    @Test
    void withoutAResetTheMatrixStopsAtTheFirstBrokenRun() {
        assertThatThrownBy(() -> this.dtm.verifyUnderFaults(() -> this.transfers.transferThroughBrokenBank(1, 2, 30),
                this.moneyIsKept))
            .hasMessageContaining(System.lineSeparator() + "1 of ")
            .hasMessageContaining("stopped at the first: set beforeEach to run them all")
            .hasMessageContaining("TransOutRevert (compensate)");
    }

    @Test
    void anInitiatorThatStartsNoTransactionIsNotAMatrix() {
        assertThatThrownBy(() -> this.dtm.verifyUnderFaults(() -> this.accounts.total(), this.moneyIsKept))
            .hasMessageContaining("the coordinator called no branch");
    }

    @Test
    void theInvariantIsCheckedWithoutAnyFaultFirst() {
        assertThatThrownBy(() -> this.dtm.verifyUnderFaults(() -> this.transfers.transfer(1, 2, 30),
                () -> assertThat(this.accounts.balance(1)).as("account 1").isEqualTo(10000)))
            .hasMessageStartingWith("Without any fault: invariant failed: [account 1] expected: 10000L but was: 9970L");
    }

}
