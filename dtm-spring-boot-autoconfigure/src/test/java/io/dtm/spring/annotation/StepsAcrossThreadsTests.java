package io.dtm.spring.annotation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.spring.annotation.support.NoGlobalTransactionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Steps recorded on the threads a {@code @GlobalSaga} or {@code @DtmMsg} method hands
 * work to: {@code @Async} and a {@code CompletableFuture} on Spring Boot's task executor.
 */
class StepsAcrossThreadsTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final Transfers transfers = this.world.transfers();

    @Test
    void anAsyncStepIsPartOfTheSagaAndCompensatedOnFailure() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        String thread = this.transfers.sagaWithAsyncStep(Transfer.of(out, 30), Transfer.of(in, 30).fail("FAILURE"),
                gid);
        assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
        assertCompensated(gid.get(), out, in);
    }

    @Test
    void aStepInAFutureOnBootsExecutorIsPartOfTheSagaAndCompensatedOnFailure() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        String thread = this.transfers.sagaWithFutureStep(Transfer.of(out, 30), Transfer.of(in, 30).fail("FAILURE"),
                gid);
        assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
        assertCompensated(gid.get(), out, in);
    }

    @Test
    void anAsyncStepSucceedsWithTheSaga() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.sagaWithAsyncStep(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
    }

    @Test
    void anAsyncStepIsAStepOfTheMessage() {
        int local = this.world.openAccount(this.world.initiator, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.msgWithAsyncStep(local, Transfer.of(in, 40), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.initiator, local)).isEqualTo(60);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(40);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("deposit");
    }

    @Test
    void aStepRecordedAfterTheSagaWasSubmittedFailsAndIsNotSent() throws Exception {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<String> late = this.transfers.sagaLeavingAStepRunning(Transfer.of(out, 30),
                Transfer.of(in, 30), go, gid);
        go.countDown();
        assertThatExceptionOfType(CompletionException.class).isThrownBy(late::join)
            .havingCause()
            .isInstanceOf(NoGlobalTransactionException.class)
            .withMessageContaining("The @DtmStep Feign method")
            .withMessageContaining("deposit(")
            .withMessageContaining("after the @GlobalSaga " + Transfers.class.getName() + ".sagaLeavingAStepRunning(")
            .withMessageContaining(gid.get())
            .withMessageContaining("join its futures");
        // the saga holds the withdrawal only, and the late deposit was never sent
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.branches(gid.get())).hasSize(2);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).isEmpty();
        assertThat(this.world.balance(this.world.bankIn, in)).isZero();
    }

    private void assertCompensated(String gid, int out, int in) {
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "failed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        assertThat(this.world.balance(this.world.bankIn, in)).isZero();
        assertThat(this.world.log(this.world.bankOut).ran(gid)).containsExactly("withdraw", "withdrawRevert");
        assertThat(this.world.log(this.world.bankIn).received(gid)).containsExactly("deposit", "depositRevert");
    }

}
