package io.dtm.spring.annotation.support;

import java.util.function.Consumer;

import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;

/**
 * The saga or message a {@code @GlobalSaga} or {@code @DtmMsg} method is building. Tasks
 * the method hands to other threads share it, so steps may be added from several threads;
 * once the method has returned it is closed, and a step that comes later is refused
 * rather than lost.
 */
public final class StepRecording {

    private final Object transaction;

    private final String initiator;

    private boolean closed;

    StepRecording(Object transaction, String initiator) {
        this.transaction = transaction;
        this.initiator = initiator;
    }

    /** The {@link Saga} or {@link Msg} being built. */
    public Object transaction() {
        return this.transaction;
    }

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
                    + "(join its futures) before it returns.");
        }
        adder.accept(this.transaction);
    }

    synchronized boolean isClosed() {
        return this.closed;
    }

    synchronized void close() {
        this.closed = true;
    }

}
