package io.dtm.spring.annotation.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.UnfinishedStepTasksException;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.InitiatorRecording;
import org.jspecify.annotations.Nullable;

/**
 * The saga or message a {@code @GlobalSaga} or {@code @DtmMsg} method is building. Tasks
 * the method hands to other threads share it, so steps may be added from several threads.
 * <p>
 * A recording is open while the method runs. When the method returns, the initiator
 * {@linkplain #awaitTasksThenClose waits} for the tasks handed out with dtm's context
 * ({@link #handOut}: the {@code DtmContextTaskDecorator} registers each task when it is
 * decorated, queued tasks included, and the task ends its registration when it returns or
 * throws), then closes the recording and sends the transaction. If the method threw, the
 * recording is closed at once and nothing is sent. A step recorded once the recording is
 * closed is refused rather than lost.
 * <p>
 * Why no step is lost or sent partially: {@link #record}, {@link #handOut}, the end of a
 * task and the close all hold this object's lock, and the close happens only while no
 * registered task is running (or not at all: past the wait, or when a task threw, the
 * transaction is abandoned). A registered task records its steps before its registration
 * ends, on its own thread, so they happen before the close; a task it hands out is
 * registered before it ends, so the set of running tasks is never empty in between. A
 * record racing with the close either takes the lock first, and its step is in the
 * transaction the initiator sends after the close, or second, and finds the recording
 * closed and throws {@link NoGlobalTransactionException}. The transaction is read for
 * sending only after the close, so it is never sent while a step is being added.
 */
public final class StepRecording implements InitiatorRecording {

    private final Object transaction;

    private final String initiator;

    private final Set<HandedOutTask> running = new LinkedHashSet<>();

    private boolean closed;

    private HandedOutTask failedTask;

    private Throwable taskFailure;

    StepRecording(Object transaction, String initiator) {
        this.transaction = transaction;
        this.initiator = initiator;
    }

    /**
     * The recording of this thread, or {@code null}: where the Feign glue puts the calls
     * of {@code @DtmStep} methods.
     */
    public static @Nullable StepRecording current() {
        return (DtmContextHolder.recording() instanceof StepRecording recording) ? recording : null;
    }

    /** Makes {@code recording} the one of this thread and returns the previous one. */
    static @Nullable InitiatorRecording start(@Nullable StepRecording recording) {
        return DtmContextHolder.startRecording(recording);
    }

    static void restore(@Nullable InitiatorRecording previous) {
        DtmContextHolder.restoreRecording(previous);
    }

    /** The {@link Saga} or {@link Msg} being built. */
    @Override
    public Object transaction() {
        return this.transaction;
    }

    @Override
    public String gid() {
        return (this.transaction instanceof Saga saga) ? saga.gid() : ((Msg) this.transaction).gid();
    }

    /**
     * Adds a step through {@code adder}.
     * @param step what adds it, for the message if the initiator already returned
     * @throws NoGlobalTransactionException if the initiator already returned
     */
    public synchronized void record(String step, Consumer<Object> adder) {
        if (this.closed) {
            throw new NoGlobalTransactionException(step + " was called after " + this.initiator
                    + " returned, when its transaction (gid " + gid() + ") was already submitted or abandoned: the "
                    + "step is not part of it and was not sent. Wait for the work the initiator hands to other threads "
                    + "(join its futures) before it returns, or hand it out through an executor that has dtm's "
                    + "DtmContextTaskDecorator, which the initiator waits for.");
        }
        adder.accept(this.transaction);
    }

    /**
     * Registers a task handed to another thread with this recording, before it is queued:
     * the initiator does not send the transaction while the task has not ended.
     * @param description what the task is, for the message if it runs too long
     * @return the task, to be told when it starts and ends; {@code null} if the recording
     * is closed already (the task's steps will be refused)
     */
    public synchronized @Nullable HandedOutTask handOut(String description) {
        if (this.closed) {
            return null;
        }
        HandedOutTask task = new HandedOutTask(description);
        this.running.add(task);
        return task;
    }

    @Override
    public synchronized boolean isOpen() {
        return !this.closed;
    }

    /**
     * Closes the recording without waiting, when the initiator threw: nothing is sent.
     */
    synchronized void close() {
        this.closed = true;
    }

    /**
     * Waits until every task handed out with this recording has ended, then closes it, so
     * that the transaction can be sent with all its steps.
     * @param wait the longest wait
     * @param property the property that sets {@code wait}, for the message
     * @throws UnfinishedStepTasksException if a task still runs after {@code wait}, or a
     * task threw: the recording is closed and the transaction must not be sent
     */
    synchronized void awaitTasksThenClose(Duration wait, String property) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!this.running.isEmpty() && this.failedTask == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.closed = true;
            throw new UnfinishedStepTasksException(
                    this.initiator + " was interrupted while it waited for the tasks " + "it handed to other threads ("
                            + describe(this.running) + "), so its transaction (gid " + gid() + ") was not sent.",
                    ex);
        }
        this.closed = true;
        if (this.failedTask != null) {
            throw new UnfinishedStepTasksException(
                    this.initiator + " handed out " + this.failedTask.describe() + ", which threw "
                            + this.taskFailure.getClass().getName() + ": the steps it was to record may be "
                            + "missing, so the transaction (gid " + gid() + ") was not sent and nothing was done.",
                    this.taskFailure);
        }
        if (!this.running.isEmpty()) {
            throw new UnfinishedStepTasksException(this.initiator + " returned while " + this.running.size()
                    + " task(s) it handed to other threads with dtm's context had not ended after " + wait.toMillis()
                    + " ms (" + property + "): " + describe(this.running) + ". Their steps could be missing, so the "
                    + "transaction (gid " + gid() + ") was not sent and nothing was done; steps they record from now "
                    + "on are refused. Let these tasks end sooner, join them before the initiator returns, or raise "
                    + property + ".");
        }
    }

    private static String describe(Set<HandedOutTask> tasks) {
        List<String> descriptions = new ArrayList<>();
        tasks.forEach((task) -> descriptions.add(task.describe()));
        return String.join("; ", descriptions);
    }

    private synchronized void ended(HandedOutTask task, Throwable failure) {
        if (this.running.remove(task) && failure != null && !this.closed && this.failedTask == null) {
            this.failedTask = task;
            this.taskFailure = failure;
        }
        notifyAll();
    }

    /**
     * A task handed out by the initiator with this recording, from the moment it is
     * queued until it ends.
     */
    public final class HandedOutTask {

        private final String description;

        private volatile String thread;

        private HandedOutTask(String description) {
            this.description = description;
        }

        /** The task starts running on the current thread. */
        public void started() {
            this.thread = Thread.currentThread().getName();
        }

        /**
         * The task ended, normally ({@code failure} null) or by throwing. A task that
         * threw while the recording was open abandons the transaction: the steps it was
         * to record may be missing. Later calls do nothing.
         */
        public void ended(Throwable failure) {
            StepRecording.this.ended(this, failure);
        }

        String describe() {
            String where = this.thread;
            return "the task " + this.description
                    + ((where != null) ? ", running on thread '" + where + "'" : ", still queued (not started)");
        }

    }

}
