package io.dtm.spring.annotation.support;

import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

/**
 * The global transaction an annotated initiator method is running in, for code inside it:
 * the saga or message being recorded (to add steps by URL) and the gid.
 */
public final class GlobalTransaction {

    private static final ThreadLocal<StepRecording> recording = new ThreadLocal<>();

    private GlobalTransaction() {
    }

    /**
     * The saga of the enclosing {@link GlobalSaga} method, e.g. to add a step by URL.
     * @throws IllegalStateException outside a {@code @GlobalSaga} method
     */
    public static Saga currentSaga() {
        if (open() instanceof Saga saga) {
            return saga;
        }
        throw new IllegalStateException("currentSaga() is only available inside a @GlobalSaga method");
    }

    /**
     * The message of the enclosing {@link DtmMsg} method, e.g. to add a step by URL.
     * @throws IllegalStateException outside a {@code @DtmMsg} method
     */
    public static Msg currentMsg() {
        if (open() instanceof Msg msg) {
            return msg;
        }
        throw new IllegalStateException("currentMsg() is only available inside a @DtmMsg method");
    }

    /**
     * The gid of the enclosing annotated initiator ({@code @GlobalSaga}, {@code @DtmMsg},
     * {@code @GlobalTcc}, {@code @GlobalXa}) or of the branch being handled, or
     * {@code null} if there is none.
     */
    public static String currentGid() {
        StepRecording current = recording.get();
        if (current != null) {
            return current.gid();
        }
        DtmTransaction bound = DtmContextHolder.get();
        return (bound != null) ? bound.gid() : null;
    }

    /**
     * The saga or msg whose steps are being recorded on this thread, or {@code null}:
     * where the Feign glue puts the calls of {@code @DtmStep} methods. It may be closed
     * already, when this thread runs a task its initiator handed out and the initiator
     * has returned.
     */
    public static StepRecording recording() {
        return recording.get();
    }

    private static Object open() {
        StepRecording current = recording.get();
        return (current != null && !current.isClosed()) ? current.transaction() : null;
    }

    /**
     * Starts recording into {@code saga} or {@code msg} and returns what was recorded
     * before.
     */
    static StepRecording startRecording(StepRecording trans) {
        StepRecording previous = recording.get();
        set(trans);
        return previous;
    }

    static void restoreRecording(StepRecording previous) {
        set(previous);
    }

    static void set(StepRecording value) {
        if (value != null) {
            recording.set(value);
        }
        else {
            recording.remove();
        }
    }

}
