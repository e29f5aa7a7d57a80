package io.dtm.spring.annotation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
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

    private final AtomicReference<Thread> callerThread = new AtomicReference<>();

    /** Makes initiator calls on a thread of its own, without dtm's context. */
    private final ExecutorService caller = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "initiator-caller");
        this.callerThread.set(thread);
        return thread;
    });

    @AfterEach
    void stopCaller() {
        this.caller.shutdownNow();
    }

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
    void theSagaWaitsForAnAsyncStepNobodyJoins() throws Exception {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        Future<?> call = this.caller.submit(() -> {
            this.transfers.sagaWithUnjoinedAsyncStep(Transfer.of(out, 30), Transfer.of(in, 30), go, returned, gid);
            return null;
        });
        releaseOnceTheInitiatorReturnedAndWaits(returned, call, go);
        call.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.branches(gid.get())).hasSize(4);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(70);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(30);
    }

    @Test
    void theMessageWaitsForAnAsyncStepNobodyJoins() throws Exception {
        int local = this.world.openAccount(this.world.initiator, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        Future<?> call = this.caller.submit(() -> {
            this.transfers.msgWithUnjoinedAsyncStep(local, Transfer.of(in, 40), go, returned, gid);
            return null;
        });
        releaseOnceTheInitiatorReturnedAndWaits(returned, call, go);
        call.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.initiator, local)).isEqualTo(60);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(40);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("deposit");
    }

    @Test
    void aSagaWhoseTaskRunsPastTheWaitSendsNothingAndNamesTheTask() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        AtomicReference<CompletableFuture<String>> late = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        assertThatExceptionOfType(UnfinishedStepTasksException.class)
            .isThrownBy(() -> this.transfers.sagaLeavingAStepRunning(Transfer.of(out, 30), Transfer.of(in, 30), go, gid,
                    late))
            .withMessageContaining("the @GlobalSaga " + Transfers.class.getName() + ".sagaLeavingAStepRunning(")
            .withMessageContaining(
                    "AsyncSteps.depositWhen(), called from Transfers.sagaLeavingAStepRunning(Transfers.java:")
            .withMessageContaining("dtm.annotations.async-step-wait")
            .withMessageContaining(gid.get())
            .withMessageContaining("was not sent");
        // the deposit recorded after the wait is refused, and nothing was ever sent
        go.countDown();
        assertThatExceptionOfType(CompletionException.class).isThrownBy(late.get()::join)
            .havingCause()
            .isInstanceOf(NoGlobalTransactionException.class)
            .withMessageContaining("deposit(")
            .withMessageContaining(gid.get());
        assertThat(this.world.status(gid.get())).isEmpty();
        assertThat(this.world.log(this.world.bankOut).received(gid.get())).isEmpty();
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
    }

    @Test
    void aMessageWhoseTaskRunsPastTheWaitRollsBackAndSendsNothing() {
        int local = this.world.openAccount(this.world.initiator, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        try {
            assertThatExceptionOfType(UnfinishedStepTasksException.class)
                .isThrownBy(() -> this.transfers.msgLeavingAStepRunning(local, Transfer.of(in, 40), go, gid))
                .withMessageContaining("the @DtmMsg " + Transfers.class.getName() + ".msgLeavingAStepRunning(")
                .withMessageContaining("AsyncSteps.depositLater()")
                .withMessageContaining("dtm.annotations.async-step-wait");
        }
        finally {
            go.countDown();
        }
        assertThat(this.world.status(gid.get())).isEmpty();
        assertThat(this.world.balance(this.world.initiator, local)).isEqualTo(100);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).isEmpty();
    }

    /**
     * Releases the initiator's task once its method returned and the thread making the
     * call waits (or the call is over): a step recorded then is part of the transaction
     * only if the initiator waits for the task before it closes the recording.
     */
    private void releaseOnceTheInitiatorReturnedAndWaits(CountDownLatch returned, Future<?> call, CountDownLatch go)
            throws InterruptedException {
        assertThat(returned.await(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> call.isDone() || this.callerThread.get().getState() == Thread.State.TIMED_WAITING);
        go.countDown();
    }

    private void assertCompensated(String gid, int out, int in) {
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "failed"::equals);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        assertThat(this.world.balance(this.world.bankIn, in)).isZero();
        assertThat(this.world.log(this.world.bankOut).ran(gid)).containsExactly("withdraw", "withdrawRevert");
        assertThat(this.world.log(this.world.bankIn).received(gid)).containsExactly("deposit", "depositRevert");
    }

}
