package io.dtm.test;

import static io.dtm.test.DtmAssertions.assertThat;
import static io.dtm.test.fault.BranchSelector.named;
import static io.dtm.test.fault.BranchSelector.op;
import static io.dtm.test.fault.BranchSelector.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.dtm.fixture.bank.Accounts;
import io.dtm.fixture.bank.TestBankApplication;
import io.dtm.fixture.bank.TransferService;
import io.dtm.protocol.DtmFailureException;
import io.dtm.test.fault.Fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Faults on the calls the initiator makes itself, TCC tries here: they never pass through
 * the coordinator, and are injected in front of the participant's handlers.
 */
@SpringBootTest(classes = TestBankApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DtmTest
class InitiatorCallFaultsTests {

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    TransferService transfers;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void resetAccounts() {
        this.accounts.reset();
    }

    @Test
    void triesAreRecordedBeforeTheConfirmsTheCoordinatorMakes() {
        this.transfers.transferTcc(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded()
            .calledInOrder("TransOutTry", "TransInTry", "TransInConfirm", "TransOutConfirm");
        assertThat(this.dtm.calls().get(0).target().calledByInitiator()).isTrue();
        assertThat(this.dtm.calls().get(2).target().calledByInitiator()).isFalse();
    }

    @Test
    void aTryThatAnswersFailureDoesNotRunAndTheTransactionIsCancelled() {
        this.dtm.inject(Fault.FAILURE.on(named("TransOutTry")));

        assertThatThrownBy(() -> this.transfers.transferTcc(1, 2, 30)).isInstanceOf(DtmFailureException.class)
            .hasMessageContaining("FAILURE injected by the test");
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed().hasCalls("TransOutTry", "TransOutCancel");
        assertThat(this.dtm.calls().get(0).fault()).isEqualTo(Fault.FAILURE);
        assertThat(this.accounts.balance(1)).isEqualTo(10000);
        assertThat(this.accounts.frozen()).isZero();
    }

    @Test
    void aTryThatAnswers500BeforeItsHandlerFreezesNothing() {
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(step(0).and(op("try"))));

        assertThatThrownBy(() -> this.transfers.transferTcc(1, 2, 30)).hasMessageContaining("500");
        assertThat(this.accounts.frozen()).isZero();
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed().hasCalls("TransOutTry", "TransOutCancel");
        assertThat(this.accounts.balance(1)).isEqualTo(10000);
    }

    @Test
    void aTryWhoseReplyIsLostAfterCommitIsCancelled() {
        this.dtm.inject(Fault.ERROR_AFTER_COMMIT.on(named("TransOutTry")));

        assertThatThrownBy(() -> this.transfers.transferTcc(1, 2, 30)).hasMessageContaining("500");
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed().hasCalls("TransOutTry", "TransOutCancel");
        // the try froze 30, the cancel gave it back
        assertThat(this.accounts.balance(1)).isEqualTo(10000);
        assertThat(this.accounts.frozen()).isZero();
    }

    @Test
    void aTryThatTimesOutAfterCommitAnswers504() {
        this.dtm.inject(Fault.TIMEOUT_AFTER_COMMIT.on(named("TransInTry")));

        assertThatThrownBy(() -> this.transfers.transferTcc(1, 2, 30)).hasMessageContaining("504");
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed()
            .calledInOrder("TransOutTry", "TransInTry", "TransInCancel", "TransOutCancel");
        assertThat(this.accounts.total()).isEqualTo(Accounts.TOTAL);
        assertThat(this.accounts.frozen()).isZero();
    }

    @Test
    void aTryDeliveredTwiceReachesTheHandlerTwiceAndTheBarrierFreezesOnce() {
        this.dtm.inject(Fault.DELIVERED_TWICE.on(named("TransOutTry")));

        this.transfers.transferTcc(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded();
        assertThat(this.dtm.calls().get(0).fault()).isEqualTo(Fault.DELIVERED_TWICE);
        assertThat(this.accounts.balance(1)).isEqualTo(9970);
        assertThat(this.accounts.balance(2)).isEqualTo(10030);
        assertThat(this.accounts.frozen()).isZero();
    }

    @Test
    void aTryHeldBackUntilAfterItsCancelIsDeliveredByAdvanceAndRefusedByTheBarrier() {
        this.dtm.inject(Fault.DELIVERED_AFTER_COMPENSATION.on(named("TransOutTry")));

        assertThatThrownBy(() -> this.transfers.transferTcc(1, 2, 30)).isInstanceOf(DtmFailureException.class);
        assertThat(this.dtm.heldRequests()).singleElement()
            .satisfies((held) -> assertThat(held.name()).isEqualTo("TransOutTry"));

        this.dtm.advance(Duration.ZERO);

        assertThat(this.dtm.heldRequests()).isEmpty();
        assertThat(this.dtm.lastTransaction()).failed().hasCalls("TransOutTry", "TransOutCancel", "TransOutTry");
        assertThat(this.dtm.calls().get(2).message()).startsWith("delivered late: http status 200");
        // the try arrived after its cancel: the barrier refused it, nothing stays frozen
        assertThat(this.accounts.balance(1)).isEqualTo(10000);
        assertThat(this.accounts.frozen()).isZero();
    }

    @Test
    void aCoordinatorCrashIsNotInjectedIntoACallTheCoordinatorDoesNotMake() {
        this.dtm.inject(Fault.COORDINATOR_CRASH_AFTER_CALL.on(op("try").or(op("confirm"))));

        this.transfers.transferTcc(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded();
        assertThat(this.dtm.calls()).filteredOn((call) -> call.fault() != null)
            .singleElement()
            .satisfies((call) -> assertThat(call.name()).isEqualTo("TransInConfirm"));
    }

}
