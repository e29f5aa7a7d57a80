package io.dtm.test;

import static io.dtm.test.DtmAssertions.assertThat;
import static io.dtm.test.fault.BranchSelector.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import io.dtm.coordinator.admin.RecentBranchCalls;
import io.dtm.protocol.ReplyOutcome;

import io.dtm.fixture.bank.Accounts;
import io.dtm.fixture.bank.TestBankApplication;
import io.dtm.fixture.bank.TransferService;
import io.dtm.test.fault.BranchSelector;
import io.dtm.test.fault.Fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The test coordinator: virtual time, injected faults and the recorded calls, on a saga
 * of the tiny bank.
 */
@SpringBootTest(classes = TestBankApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "dtm.coordinator.admin.enabled=true")
@DtmTest
class DtmTestCoordinatorTests {

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    TransferService transfers;

    @Autowired
    Accounts accounts;

    @Autowired
    RecentBranchCalls recentCalls;

    @BeforeEach
    void resetAccounts() {
        this.accounts.reset();
    }

    @Test
    void aSagaSucceedsWithItsStepsInOrder() {
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded().calledInOrder("TransOut", "TransIn");
        assertThat(this.accounts.balance(1)).isEqualTo(9970);
        assertThat(this.accounts.balance(2)).isEqualTo(10030);
    }

    @Test
    void aCoordinatorCrashAfterACallIsRecoveredFromTheStoreAndCallsTheBranchAgain() {
        this.dtm.inject(Fault.COORDINATOR_CRASH_AFTER_CALL.on(named("TransIn")));
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded().hasCalls("TransOut", "TransIn", "TransIn");
        assertThat(this.dtm.calls().get(1).fault()).isEqualTo(Fault.COORDINATOR_CRASH_AFTER_CALL);
        assertThat(this.accounts.balance(2)).isEqualTo(10030);
    }

    @Test
    void anActionHeldBackReachesItsHandlerAfterTheSagaRolledBack() {
        this.dtm.inject(Fault.DELIVERED_AFTER_COMPENSATION.on(named("TransIn")));
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed()
            .hasCalls("TransOut", "TransIn", "TransInRevert", "TransOutRevert", "TransIn");
        assertThat(this.dtm.calls().get(4).fault()).isEqualTo(Fault.DELIVERED_AFTER_COMPENSATION);
        // the barrier refused the late TransIn
        assertThat(this.accounts.balance(1)).isEqualTo(10000);
        assertThat(this.accounts.balance(2)).isEqualTo(10000);
    }

    @Test
    void aRetryWaitsUntilTheTestMovesTimePastTheBackoff() {
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransIn")));
        this.transfers.transfer(1, 2, 30);

        // the coordinator backs off from the retry interval (10s): the first retry is 20s
        // later
        this.dtm.advance(Duration.ofSeconds(19));
        assertThat(this.dtm.lastTransaction()).hasStatus("submitted").hasCalls("TransOut", "TransIn");
        assertThat(this.accounts.balance(2)).isEqualTo(10000);

        this.dtm.advance(Duration.ofSeconds(2));
        assertThat(this.dtm.lastTransaction()).succeeded().hasCalls("TransOut", "TransIn", "TransIn");
        assertThat(this.accounts.balance(2)).isEqualTo(10030);
    }

    @Test
    void aFailureRollsTheSagaBackInReverseOrder() {
        this.dtm.inject(Fault.FAILURE.on(named("TransIn")));
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).failed()
            .hasRollbackReasonContaining("FAILURE injected by the test")
            .calledInOrder("TransOut", "TransIn", "TransInRevert", "TransOutRevert");
        assertThat(this.accounts.balance(1)).isEqualTo(10000);
        assertThat(this.accounts.balance(2)).isEqualTo(10000);
    }

    @Test
    void aSagaTimesOutAfterItsTimeoutToFailInVirtualTime() {
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransIn")).always());
        this.transfers.transferWithin35s(1, 2, 30);

        this.dtm.advance(Duration.ofSeconds(36));

        assertThat(this.dtm.lastTransaction()).failed()
            .hasRollbackReason("Timeout after 35 seconds")
            .calledInOrder("TransOut", "TransIn", "TransInRevert", "TransOutRevert");
        assertThat(this.accounts.balance(1)).isEqualTo(10000);
    }

    @Test
    void aSagaIsNotTimedOutBeforeItsTimeoutToFail() {
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransIn")).always());
        this.transfers.transferWithin35s(1, 2, 30);

        this.dtm.advance(Duration.ofSeconds(34));

        assertThat(this.dtm.lastTransaction()).hasStatus("submitted");
        assertThat(this.accounts.balance(1)).isEqualTo(9970);
    }

    @Test
    void aCallDeliveredTwiceReachesTheHandlerTwiceAndTheBarrierAppliesItOnce() {
        this.dtm.inject(Fault.DELIVERED_TWICE.on(BranchSelector.step(1).and(BranchSelector.op("action"))));
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();

        RecordedTransaction transaction = this.dtm.lastTransaction();
        assertThat(transaction).succeeded();
        assertThat(transaction.calls()).last()
            .satisfies((call) -> assertThat(call.fault()).isEqualTo(Fault.DELIVERED_TWICE));
        assertThat(this.accounts.balance(2)).isEqualTo(10030);
    }

    @Test
    void aReplyLostAfterCommitIsRetriedAndTheRetryIsANoOp() {
        this.dtm.inject(Fault.ERROR_AFTER_COMMIT.on(BranchSelector.urlContains("/api/bank/TransOut")));
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded().hasCalls("TransOut", "TransOut", "TransIn");
        assertThat(this.accounts.balance(1)).isEqualTo(9970);
    }

    @Test
    void aResetStopsWhatWasLeftUnfinishedWithoutCallingAnyBranch() {
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransIn")).always());
        this.transfers.transfer(1, 2, 30);
        this.dtm.advance(Duration.ZERO);
        String gid = this.dtm.lastTransaction().gid();
        assertThat(this.dtm.transaction(gid)).hasStatus("submitted");

        this.dtm.reset();
        this.dtm.runUntilIdle();

        assertThat(this.dtm.transaction(gid)).failed();
        assertThat(this.dtm.calls()).isEmpty();
    }

    @Test
    void faultsAndCallsOfAnEarlierTestAreForgotten() {
        assertThat(this.dtm.calls()).isEmpty();
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();
        assertThat(this.dtm.transactions()).hasSize(1);
        assertThat(this.dtm.calls()).extracting("target.op").containsExactly("action", "action");
    }

    @Test
    void aHeldActionIsDeliveredByAdvanceOnceItsSagaHasEnded() {
        this.dtm.inject(Fault.DELIVERED_AFTER_COMPENSATION.on(named("TransIn")));
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransOutRevert")));
        this.transfers.transfer(1, 2, 30);

        this.dtm.advance(Duration.ZERO);
        assertThat(this.dtm.lastTransaction()).hasStatus("aborting");
        assertThat(this.dtm.heldRequests()).hasSize(1);

        this.dtm.advance(Duration.ofSeconds(21));
        assertThat(this.dtm.heldRequests()).isEmpty();
        assertThat(this.dtm.lastTransaction()).failed()
            .hasCalls("TransOut", "TransIn", "TransInRevert", "TransOutRevert", "TransOutRevert", "TransIn");
        assertThat(this.accounts.balance(2)).isEqualTo(10000);
    }

    @Test
    void aRequestStillHeldWhenTheTestEndsFailsTheTestAndIsNotDroppedSilently() {
        this.dtm.inject(Fault.DELIVERED_AFTER_COMPENSATION.on(named("TransIn")));
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransOutRevert")).always());
        this.transfers.transfer(1, 2, 30);
        this.dtm.advance(Duration.ofMinutes(1));
        String gid = this.dtm.lastTransaction().gid();

        assertThatThrownBy(this.dtm::verifyNothingHeld).isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("1 request(s) held back by DELIVERED_AFTER_COMPENSATION were never delivered "
                    + "(TransIn of " + gid + ") when the test ended");
        assertThat(this.dtm.heldRequests()).isEmpty();
    }

    @Test
    void aResetWithARequestStillHeldSaysSo() {
        this.dtm.inject(Fault.DELIVERED_AFTER_COMPENSATION.on(named("TransIn")));
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransOutRevert")).always());
        this.transfers.transfer(1, 2, 30);
        this.dtm.advance(Duration.ZERO);

        assertThatThrownBy(this.dtm::reset).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("1 request(s) held back by DELIVERED_AFTER_COMPENSATION were never delivered")
            .hasMessageEndingWith("at reset; they were dropped");
        assertThat(this.dtm.heldRequests()).isEmpty();
        assertThat(this.dtm.calls()).isEmpty();
    }

    @Test
    void anAnswerInjectedInPlaceOfTheBranchShowsAmongTheAdminsRecentCalls() {
        this.dtm.inject(Fault.FAILURE.on(named("TransIn")));
        this.dtm.inject(Fault.ERROR_BEFORE_HANDLER.on(named("TransInRevert")));
        this.transfers.transfer(1, 2, 30);
        this.dtm.runUntilIdle();

        List<RecentBranchCalls.Record> calls = this.recentCalls.callsOf(this.dtm.lastTransaction().gid());
        assertThat(calls)
            .extracting((call) -> call.url().substring(call.url().lastIndexOf('/') + 1),
                    RecentBranchCalls.Record::result, RecentBranchCalls.Record::httpStatus)
            .containsExactly(tuple("TransOut", ReplyOutcome.SUCCESS, 200), tuple("TransIn", ReplyOutcome.FAILURE, 409),
                    tuple("TransInRevert", ReplyOutcome.RETRYABLE, 500),
                    tuple("TransInRevert", ReplyOutcome.SUCCESS, 200),
                    tuple("TransOutRevert", ReplyOutcome.SUCCESS, 200));
        assertThat(calls.get(1).message()).isEqualTo("FAILURE injected by the test");
    }

}
