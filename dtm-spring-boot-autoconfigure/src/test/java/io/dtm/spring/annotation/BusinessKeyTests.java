package io.dtm.spring.annotation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.protocol.DtmOngoingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Initiators whose gid is derived from a business key: a retried call is recognised and
 * answers with the outcome of the transaction the first call started, without running the
 * method again.
 */
class BusinessKeyTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final Transfers transfers = this.world.transfers();

    @Test
    void aRetriedSagaRunsOnceAndMovesTheMoneyOnce() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        String id = "saga-" + out;
        AtomicInteger runs = new AtomicInteger();
        this.transfers.sagaByKey(id, Transfer.of(out, 30), Transfer.of(in, 30), runs);
        String gid = "transfer-" + id;
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        this.transfers.sagaByKey(id, Transfer.of(out, 30), Transfer.of(in, 30), runs);
        assertThat(runs).hasValue(1);
        assertThat(this.world.branches(gid)).hasSize(4);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
        assertThat(this.world.log(this.world.bankOut).received(gid)).containsExactly("withdraw");
    }

    @Test
    void aRetryWhileTheFirstStillRunsIsToldSoAndTheTransferHappensOnce() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        String id = "waiting-" + out;
        String gid = "transfer-" + id;
        AtomicInteger runs = new AtomicInteger();
        Transfer deposit = Transfer.of(in, 30).fail("DOWN");
        BankParticipant.DOWN.add(in);
        try {
            // the participant is down: the saga goes on in the coordinator
            assertThatExceptionOfType(DtmOngoingException.class)
                .isThrownBy(() -> this.transfers.waitingSagaByKey(id, Transfer.of(out, 30), deposit, runs));
            assertThatExceptionOfType(DtmOngoingException.class)
                .isThrownBy(() -> this.transfers.waitingSagaByKey(id, Transfer.of(out, 30), deposit, runs))
                .withMessageContaining(gid)
                .withMessageContaining("is still running")
                .withMessageContaining("was not run again");
            assertThat(runs).hasValue(1);
        }
        finally {
            BankParticipant.DOWN.remove(in);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> this.world.status(gid), "succeed"::equals);
        this.transfers.waitingSagaByKey(id, Transfer.of(out, 30), deposit, runs);
        assertThat(runs).hasValue(1);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
        assertThat(this.world.log(this.world.bankOut).ran(gid)).containsExactly("withdraw");
        assertThat(this.world.log(this.world.bankIn).ran(gid)).containsExactly("deposit");
    }

    @Test
    void aRetryOfAMethodThatReturnsAValueIsRefusedWithTheStatus() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        String id = "returning-" + out;
        AtomicInteger runs = new AtomicInteger();
        assertThat(this.transfers.sagaByKeyReturning(id, Transfer.of(out, 30), runs)).isEqualTo("done");
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status("transfer-" + id), "succeed"::equals);
        assertThatExceptionOfType(DtmDuplicateTransactionException.class)
            .isThrownBy(() -> this.transfers.sagaByKeyReturning(id, Transfer.of(out, 30), runs))
            .withMessageContaining("already succeeded")
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo("succeed"));
        assertThat(runs).hasValue(1);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
    }

    @Test
    void aRetriedMessageDebitsOnce() {
        int local = this.world.openAccount(this.world.initiator, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        String id = "msg-key-" + local;
        AtomicInteger runs = new AtomicInteger();
        this.transfers.msgByKey(id, local, Transfer.of(in, 40), runs);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status("msg-" + id), "succeed"::equals);
        this.transfers.msgByKey(id, local, Transfer.of(in, 40), runs);
        assertThat(runs).hasValue(1);
        assertThat(this.world.balance(this.world.initiator, local)).isEqualTo(60);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(40);
    }

    @Test
    void aRetriedTccRunsOnce() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        String id = "tcc-key-" + out;
        AtomicInteger runs = new AtomicInteger();
        this.transfers.tccByKey(id, Transfer.of(out, 30), Transfer.of(in, 30), runs);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status("tcc-" + id), "succeed"::equals);
        this.transfers.tccByKey(id, Transfer.of(out, 30), Transfer.of(in, 30), runs);
        assertThat(runs).hasValue(1);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
    }

    @Test
    void aKeyThatGivesAnInvalidGidStartsNothing() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicInteger runs = new AtomicInteger();
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.transfers.sagaByKey("a;b", Transfer.of(out, 30), Transfer.of(in, 30), runs))
            .withMessageContaining(
                    "The gid \"'transfer-' + #id\" of @GlobalSaga on " + Transfers.class.getName() + ".sagaByKey(")
            .withMessageContaining("';'");
        assertThatIllegalArgumentException()
            .isThrownBy(
                    () -> this.transfers.sagaByKey("x".repeat(200), Transfer.of(out, 30), Transfer.of(in, 30), runs))
            .withMessageContaining("at most 128 characters");
        assertThat(runs).hasValue(0);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
    }

}
