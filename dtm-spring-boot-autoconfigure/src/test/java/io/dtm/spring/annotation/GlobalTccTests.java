package io.dtm.spring.annotation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.context.DtmContextHolder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GlobalTccTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final Transfers transfers = this.world.transfers();

    @Test
    void everyBranchIsConfirmed() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.tcc(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.frozen(this.world.bankOut, out)).isZero();
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
        assertThat(this.world.log(this.world.bankOut).received(gid.get())).containsExactly("tccWithdrawTry",
                "tccWithdrawConfirm");
        assertThat(this.world.log(this.world.bankIn).ran(gid.get())).containsExactly("tccDepositTry",
                "tccDepositConfirm");
        assertThat(this.world.branches(gid.get())).containsExactly("01:cancel:prepared", "01:confirm:succeed",
                "02:cancel:prepared", "02:confirm:succeed");
        assertThat(this.world.query(gid.get()).path("branches").get(1).path("url").asString())
            .isEqualTo(this.world.bankOutUrl + "/bank/tccWithdrawConfirm");
        assertThat(DtmContextHolder.get()).isNull();
    }

    @Test
    void aTryAnsweringFailureCancelsEveryBranch() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.transfers.tcc(Transfer.of(out, 30), Transfer.of(in, 30).fail("FAILURE"), gid))
            .withMessageContaining("forced failure of tccDepositTry");
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "failed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        assertThat(this.world.frozen(this.world.bankOut, out)).isZero();
        assertThat(this.world.balance(this.world.bankIn, in)).isZero();
        assertThat(this.world.log(this.world.bankOut).ran(gid.get())).containsExactly("tccWithdrawTry",
                "tccWithdrawCancel");
        // the failed try rolled back: its cancel is an empty compensation
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("tccDepositTry",
                "tccDepositCancel");
        assertThat(this.world.log(this.world.bankIn).ran(gid.get())).isEmpty();
        assertThat(DtmContextHolder.get()).isNull();
    }

    @Test
    void aConfirmThatErrorsIsRetriedUntilItSucceeds() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.tcc(Transfer.of(out, 30), Transfer.of(in, 30).fail("CONFIRM_ERROR_ONCE"), gid);
        await().atMost(Duration.ofSeconds(30)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("tccDepositTry",
                "tccDepositConfirm", "tccDepositConfirm");
        assertThat(this.world.log(this.world.bankIn).ran(gid.get())).containsExactly("tccDepositTry",
                "tccDepositConfirm");
    }

    @Test
    void anInitiatorThatThrowsCancelsAndTheExceptionIsRethrown() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatIllegalStateException().isThrownBy(() -> this.transfers.tccThenThrow(Transfer.of(out, 30), gid))
            .withMessage("initiator failed after the first call");
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "failed"::equals);
        assertThat(this.world.query(gid.get()).path("transaction").path("rollback_reason").asString())
            .isEqualTo("initiator failed after the first call");
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        assertThat(this.world.frozen(this.world.bankOut, out)).isZero();
        assertThat(this.world.log(this.world.bankOut).ran(gid.get())).containsExactly("tccWithdrawTry",
                "tccWithdrawCancel");
        assertThat(DtmContextHolder.get()).isNull();
    }

    @Test
    void anInitiatorCalledInsideABranchJoinsItAsNestedBranches() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.tccNested(Transfer.of(out, 25).next(in), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        // bank-out's try registered bank-in's try as branch 0101 of the same gid
        assertThat(this.world.branches(gid.get())).containsExactly("01:cancel:prepared", "01:confirm:succeed",
                "0101:cancel:prepared", "0101:confirm:succeed");
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(75);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(25);
        assertThat(this.world.log(this.world.bankIn).ran(gid.get())).containsExactly("tccDepositTry",
                "tccDepositConfirm");
    }

    @Test
    void aTccTryOutsideAGlobalTccIsRefused() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        BankOutClient client = this.world.initiator.getBean(BankOutClient.class);
        assertThatExceptionOfType(NoGlobalTransactionException.class)
            .isThrownBy(() -> client.tccWithdrawTry(Transfer.of(out, 1)))
            .withMessageStartingWith("The @TccTry Feign method " + BankApi.class.getName() + ".tccWithdrawTry() was "
                    + "called outside a @GlobalTcc method")
            .withMessageContaining("self-invoked");
        assertThat(this.world.frozen(this.world.bankOut, out)).isZero();
    }

}
