package io.dtm.spring.annotation;

import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.context.InitiatorRecording;
import org.jspecify.annotations.Nullable;

/**
 * The global transaction an annotated initiator method is running in, for code inside it:
 * the saga or message being recorded (to add steps by URL) and the gid. Reads the state
 * kept by {@link DtmContextHolder}.
 */
public final class GlobalTransaction {

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
    public static @Nullable String currentGid() {
        InitiatorRecording recording = DtmContextHolder.recording();
        if (recording != null) {
            return recording.gid();
        }
        DtmTransaction bound = DtmContextHolder.get();
        return (bound != null) ? bound.gid() : null;
    }

    private static @Nullable Object open() {
        InitiatorRecording recording = DtmContextHolder.recording();
        return (recording != null && recording.isOpen()) ? recording.transaction() : null;
    }

}
