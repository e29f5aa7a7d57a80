package io.dtm.spring.annotation.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.UnfinishedStepTasksException;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.propagation.DtmContextTaskDecorator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The recording's close: it waits for the tasks handed out through
 * {@link DtmContextTaskDecorator}, queued ones included, and sends nothing past the wait
 * or when a task threw.
 */
class StepRecordingTests {

    private static final Duration LONG = Duration.ofSeconds(20);

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private final DtmContextTaskDecorator decorator = new DtmContextTaskDecorator();

    private final Saga saga = DtmClient.create("http://localhost:1/api/dtmsvr").saga("gid-recording");

    private final StepRecording recording = new StepRecording(this.saga, "the @GlobalSaga Test.run()");

    @AfterEach
    void shutdown() {
        this.pool.shutdownNow();
        DtmContextHolder.startRecording(null);
    }

    @Test
    void theCloseWaitsForAHandedOutTaskAndKeepsItsStep() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        handOut(() -> {
            awaitLatch(go);
            StepRecording.current().record("step", (trans) -> ((Saga) trans).add("http://a/x", "", "{}"));
        });
        CompletableFuture<Void> close = CompletableFuture
            .runAsync(() -> this.recording.awaitTasksThenClose(LONG, "the.property"));
        await().atMost(LONG).until(() -> !close.isDone() && this.recording.isOpen());
        go.countDown();
        close.get(20, TimeUnit.SECONDS);
        assertThat(this.recording.isOpen()).isFalse();
        assertThat(this.saga.request().getSteps()).hasSize(1);
    }

    @Test
    void aQueuedTaskCountsAsRunning() {
        CountDownLatch blocker = new CountDownLatch(1);
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            single.execute(() -> awaitLatch(blocker));
            DtmContextHolder.startRecording(this.recording);
            single.execute(this.decorator.decorate(() -> {
            }));
            DtmContextHolder.startRecording(null);
            assertThatExceptionOfType(UnfinishedStepTasksException.class)
                .isThrownBy(() -> this.recording.awaitTasksThenClose(Duration.ofMillis(50), "the.property"))
                .withMessageContaining("still queued (not started)")
                .withMessageContaining("submitted by ")
                .withMessageContaining("the.property")
                .withMessageContaining("gid-recording");
        }
        finally {
            blocker.countDown();
            single.shutdownNow();
        }
    }

    @Test
    void pastTheWaitTheRecordingIsClosedAndALateStepIsRefused() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> late = new CompletableFuture<>();
        handOut(() -> {
            started.countDown();
            awaitLatch(go);
            try {
                StepRecording.current().record("the late step", (trans) -> {
                });
                late.complete(null);
            }
            catch (RuntimeException ex) {
                late.completeExceptionally(ex);
            }
        });
        awaitLatch(started);
        assertThatExceptionOfType(UnfinishedStepTasksException.class)
            .isThrownBy(() -> this.recording.awaitTasksThenClose(Duration.ofMillis(50), "the.property"))
            .withMessageContaining("running on thread 'pool-");
        go.countDown();
        assertThat(late).failsWithin(LONG)
            .withThrowableThat()
            .havingCause()
            .isInstanceOf(NoGlobalTransactionException.class)
            .withMessageContaining("the late step was called after the @GlobalSaga Test.run() returned");
        assertThat(this.recording.handOut("another")).isNull();
    }

    @Test
    void aTaskThatThrowsAbandonsTheTransaction() {
        handOut(() -> {
            throw new IllegalStateException("boom");
        });
        assertThatExceptionOfType(UnfinishedStepTasksException.class)
            .isThrownBy(() -> this.recording.awaitTasksThenClose(LONG, "the.property"))
            .withMessageContaining("which threw java.lang.IllegalStateException")
            .withCauseInstanceOf(IllegalStateException.class);
        assertThat(this.recording.isOpen()).isFalse();
    }

    @Test
    void aTaskHandedOutByAHandedOutTaskIsWaitedForToo() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        handOut(() -> this.pool.execute(this.decorator.decorate(() -> {
            awaitLatch(go);
            StepRecording.current().record("nested", (trans) -> ((Saga) trans).add("http://a/y", "", "{}"));
        })));
        CompletableFuture<Void> close = CompletableFuture
            .runAsync(() -> this.recording.awaitTasksThenClose(LONG, "the.property"));
        go.countDown();
        close.get(20, TimeUnit.SECONDS);
        assertThat(this.saga.request().getSteps()).hasSize(1);
    }

    @Test
    void withoutTasksTheCloseDoesNotWait() {
        this.recording.awaitTasksThenClose(Duration.ZERO, "the.property");
        assertThat(this.recording.isOpen()).isFalse();
    }

    private void handOut(Runnable task) {
        DtmContextHolder.startRecording(this.recording);
        try {
            this.pool.execute(this.decorator.decorate(task));
        }
        finally {
            DtmContextHolder.startRecording(null);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
