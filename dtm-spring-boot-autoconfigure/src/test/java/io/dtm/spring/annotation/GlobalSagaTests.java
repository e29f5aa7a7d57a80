package io.dtm.spring.annotation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.protocol.DtmFailureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GlobalSagaTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final Transfers transfers = this.world.transfers();

    @Test
    void stepsAreRecordedThenRunByTheCoordinator() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        Map<String, String> context = this.transfers.saga(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        // the plain call inside the saga was sent, without any transaction bound on the
        // participant
        assertThat(context).containsEntry("bound", "null");
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
        assertThat(this.world.log(this.world.bankOut).received(gid.get())).containsExactly("withdraw");
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("deposit");
        assertThat(this.world.branches(gid.get())).containsExactly("01:compensate:prepared", "01:action:succeed",
                "02:compensate:prepared", "02:action:succeed");
        // the steps were resolved against the Feign clients' URLs, and the compensations
        // from @DtmStep
        assertThat(this.world.query(gid.get()).path("branches").get(0).path("url").asString())
            .isEqualTo(this.world.bankOutUrl + "/bank/withdrawRevert");
        assertThat(this.world.query(gid.get()).path("branches").get(3).path("url").asString())
            .isEqualTo(this.world.bankInUrl + "/bank/deposit");
    }

    @Test
    void aStepAnsweringFailureIsCompensated() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.saga(Transfer.of(out, 30), Transfer.of(in, 30).fail("FAILURE"), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "failed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(0);
        assertThat(this.world.log(this.world.bankOut).ran(gid.get())).containsExactly("withdraw", "withdrawRevert");
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("deposit", "depositRevert");
        // the failed deposit rolled back, so its compensation is empty
        assertThat(this.world.log(this.world.bankIn).ran(gid.get())).isEmpty();
    }

    @Test
    void aStepThatErrorsIsRetriedUntilItSucceeds() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.saga(Transfer.of(out, 30), Transfer.of(in, 30).fail("ERROR_ONCE"), gid);
        await().atMost(Duration.ofSeconds(30)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("deposit", "deposit");
        assertThat(this.world.log(this.world.bankIn).ran(gid.get())).containsExactly("deposit");
    }

    @Test
    void anInitiatorThatThrowsSubmitsNothing() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatIllegalStateException().isThrownBy(() -> this.transfers.sagaThenThrow(Transfer.of(out, 30), gid))
            .withMessage("initiator failed after the first call");
        assertThat(gid.get()).isNotEmpty();
        assertThat(this.world.status(gid.get())).isEmpty();
        // the first call was recorded, never sent
        assertThat(this.world.log(this.world.bankOut).received(gid.get())).isEmpty();
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
    }

    @Test
    void concurrentSagaWithStepOrderWaitsForTheResult() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.concurrentSaga(Transfer.of(out, 10), Transfer.of(in, 10), gid);
        // waitResult: the coordinator ran the steps before submit returned
        assertThat(this.world.status(gid.get())).isEqualTo("succeed");
        assertThat(this.world.query(gid.get()).path("transaction").path("custom_data").asString())
            .contains("\"concurrent\":true")
            .contains("\"1\":[0]");
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(10);
    }

    @Test
    void waitResultThrowsWhenTheSagaFailed() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(
                () -> this.transfers.concurrentSaga(Transfer.of(out, 10), Transfer.of(in, 10).fail("FAILURE"), gid));
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "failed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        assertThat(this.world.log(this.world.bankOut).ran(gid.get())).containsExactly("withdraw", "withdrawRevert");
    }

    @Test
    void stepsCanBeAddedByUrl() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.sagaByUrl(this.world.bankOutUrl, Transfer.of(out, 5), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(95);
    }

    @Test
    void aSagaInsideASagaIsRejected() {
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatIllegalStateException().isThrownBy(() -> this.transfers.sagaWithNestedSaga(Transfer.of(in, 5), gid))
            .withMessageContaining("NestedTransfers.nestedSaga()")
            .withMessageContaining("inside the @GlobalSaga " + gid.get())
            .withMessageContaining("sagas do not nest");
        assertThat(this.world.status(gid.get())).isEmpty();
        assertThat(GlobalTransaction.currentGid()).isNull();
    }

}
