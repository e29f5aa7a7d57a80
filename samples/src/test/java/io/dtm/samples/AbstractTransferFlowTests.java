package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.BankClient;
import io.dtm.samples.bank.CallLog;
import io.dtm.samples.bank.TransReq;
import io.dtm.samples.transfer.Mode;
import io.dtm.samples.transfer.TransferDemo;
import io.dtm.samples.transfer.TransferService;
import io.dtm.spring.client.DtmClient;
import io.dtm.protocol.DtmFailureException;

import feign.FeignException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sample's transfer flows, each as a success and with a forced failure, checked by
 * the final status from the coordinator, the bank calls in order and the balances. Every
 * setup (database, embedded or standalone coordinator, annotated or programmatic
 * initiator) runs them; a subclass holds only its configuration and what differs:
 * {@link #modes()}, the initiator ({@link #initiate}, {@link #lastGid()}) and what a msg
 * whose local transaction failed leaves behind
 * ({@link #assertMsgAfterFailedLocalTransaction}).
 */
abstract class AbstractTransferFlowTests {

    static final long AMOUNT = 30;

    static final Map<Integer, Long> UNCHANGED = Map.of(1, 10000L, 2, 10000L);

    static final Map<Integer, Long> MOVED = Map.of(1, 9970L, 2, 10030L);

    @Autowired
    TransferService transfers;

    @Autowired
    TransferDemo demo;

    @Autowired
    Accounts accounts;

    @Autowired
    BankClient bank;

    @Autowired
    CallLog log;

    @Autowired
    DtmClient dtm;

    @BeforeEach
    void resetAccounts() {
        this.accounts.reset();
        assertThat(this.bank.balances()).isEqualTo(UNCHANGED);
    }

    // ------------------------------------------------------------------------------------------------
    // the flows

    @Test
    void sagaMovesTheMoney() {
        String gid = transfer(Mode.SAGA, ok());
        assertEnded(gid, "succeed", MOVED);
        assertThat(calls(gid, 2)).containsExactly("TransOut(200)", "TransIn(200)");
    }

    @Test
    void sagaWithFailingTransInIsCompensated() {
        String gid = transfer(Mode.SAGA, failingTransIn());
        assertEnded(gid, "failed", UNCHANGED);
        // TransIn's own compensation is empty: the barrier knows TransIn never committed
        assertThat(calls(gid, 4)).containsExactly("TransOut(200)", "TransIn(409, no-op)", "TransInRevert(200, no-op)",
                "TransOutRevert(200)");
    }

    @Test
    void tccConfirmsBothTries() {
        String gid = transfer(Mode.TCC, ok());
        assertEnded(gid, "succeed", MOVED);
        assertThat(calls(gid, 4)).containsExactly("TransOutTry(200)", "TransInTry(200)", "TransInConfirm(200)",
                "TransOutConfirm(200)");
    }

    @Test
    void tccWithFailingTransInTryCancels() {
        String gid = failingTransfer(Mode.TCC, failingTransIn());
        assertEnded(gid, "failed", UNCHANGED);
        assertThat(calls(gid, 4)).containsExactly("TransOutTry(200)", "TransInTry(409, no-op)",
                "TransInCancel(200, no-op)", "TransOutCancel(200)");
    }

    @Test
    void msgDeliversTransInAfterTheLocalTransOut() {
        String gid = transfer(Mode.MSG, ok());
        assertEnded(gid, "succeed", MOVED);
        assertThat(calls(gid, 2)).containsExactly("TransOut (local)(200)", "TransIn(200)");
    }

    @Test
    void msgWithFailingLocalTransactionNeverRunsTransIn() {
        String gid = failingTransfer(Mode.MSG, ok().failingTransOut());
        assertMsgAfterFailedLocalTransaction(gid);
        assertThat(calls(gid, 1)).containsExactly("TransOut (local)(409, no-op)");
    }

    @Test
    void workflowRunsTheSeedExample() {
        String gid = transfer(Mode.WORKFLOW, ok());
        assertEnded(gid, "succeed", MOVED);
        assertThat(calls(gid, 2)).containsExactly("TransOut(200)", "TransIn(200)");
    }

    @Test
    void workflowWithFailingTransInRollsBack() {
        String gid = failingTransfer(Mode.WORKFLOW, failingTransIn());
        assertEnded(gid, "failed", UNCHANGED);
        assertThat(calls(gid, 4)).containsExactly("TransOut(200)", "TransIn(409, no-op)", "TransInRevert(200, no-op)",
                "TransOutRevert(200)");
    }

    // ------------------------------------------------------------------------------------------------
    // what differs

    /** The modes this setup runs: all but XA, which needs MariaDB/MySQL or PostgreSQL. */
    Set<Mode> modes() {
        return EnumSet.of(Mode.SAGA, Mode.TCC, Mode.MSG, Mode.WORKFLOW);
    }

    /**
     * Starts one transfer with the initiator under test: the annotated
     * {@link TransferService}.
     */
    void initiate(Mode mode, TransReq req) {
        switch (mode) {
            case SAGA -> this.transfers.saga(req);
            case TCC -> this.transfers.tcc(req);
            case MSG -> this.transfers.msg(req);
            case XA -> this.transfers.xa(req);
            case WORKFLOW -> this.transfers.workflow(req);
        }
    }

    /** The gid of the transfer {@link #initiate} started last. */
    String lastGid() {
        return this.transfers.lastGid();
    }

    /**
     * A msg whose local transaction failed: {@code @DtmMsg} runs it before the message is
     * prepared, so the coordinator never hears of the message.
     */
    void assertMsgAfterFailedLocalTransaction(String gid) {
        assertNeverSent(gid);
    }

    // ------------------------------------------------------------------------------------------------
    // helpers

    /**
     * Runs a transfer that the initiator sees succeed (the coordinator may still roll it
     * back); its gid.
     */
    String transfer(Mode mode, TransReq req) {
        assumeRuns(mode);
        initiate(mode, req);
        return lastGid();
    }

    /**
     * Runs a transfer that must fail at the initiator (tcc, xa, workflow, msg with a
     * failing local transaction): a {@link DtmFailureException}, or for XA Feign's
     * exception for the 409 reply; its gid.
     */
    String failingTransfer(Mode mode, TransReq req) {
        assumeRuns(mode);
        assertThatThrownBy(() -> initiate(mode, req))
            .isInstanceOfAny(DtmFailureException.class, FeignException.Conflict.class)
            .hasMessageContaining("forced to FAILURE");
        return lastGid();
    }

    void assumeRuns(Mode mode) {
        assumeTrue(modes().contains(mode), () -> getClass().getSimpleName() + " does not run " + mode.label());
    }

    /** The coordinator never heard of {@code gid}. */
    void assertNeverSent(String gid) {
        assertThat(this.dtm.query(gid).path("transaction").isObject()).isFalse();
        assertThat(this.bank.balances()).isEqualTo(UNCHANGED);
    }

    TransReq ok() {
        return TransReq.of(AMOUNT);
    }

    TransReq failingTransIn() {
        return TransReq.of(AMOUNT).failingTransIn();
    }

    /**
     * Waits for the final status, then checks it and the balances (over HTTP) and that
     * nothing stays reserved.
     */
    void assertEnded(String gid, String status, Map<Integer, Long> balances) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(gid)).isEqualTo(status));
        assertThat(this.bank.balances()).isEqualTo(balances);
        assertThat(this.accounts.trading()).isZero();
    }

    /**
     * The bank calls of {@code gid} in order, once each has its reply;
     * {@code name(status)} or {@code name(status, no-op)}.
     */
    List<String> calls(String gid, int expected) {
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.log.calls(gid).size() >= expected
                    && this.log.calls(gid).stream().allMatch(CallLog.Call::completed));
        return this.log.calls(gid).stream().map(CallLog.Call::toString).toList();
    }

    String status(String gid) {
        return this.dtm.query(gid).path("transaction").path("status").asString("");
    }

}
