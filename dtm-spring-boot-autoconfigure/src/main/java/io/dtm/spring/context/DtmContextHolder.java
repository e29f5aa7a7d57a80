package io.dtm.spring.context;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The one holder of dtm's current-thread state: the {@link DtmTransaction} bound to the
 * thread (a branch being handled, or the TCC/XA transaction an initiator runs) and the
 * {@link InitiatorRecording} a saga or message initiator is building. Both live in one
 * thread-local, so that binding one never loses the other.
 */
public final class DtmContextHolder {

    private static final ThreadLocal<Frame> current = new ThreadLocal<>();

    private DtmContextHolder() {
    }

    /** The bound transaction, or {@code null} if there is none. */
    public static @Nullable DtmTransaction get() {
        Frame frame = current.get();
        return (frame != null) ? frame.transaction() : null;
    }

    /**
     * Returns the bound transaction or fails with a message saying what is missing.
     */
    public static DtmTransaction require() {
        DtmTransaction transaction = get();
        if (transaction == null) {
            throw new IllegalStateException("No dtm transaction is bound to this thread: the request carries no "
                    + "gid/trans_type/branch_id/op query parameters (is it a call from the dtm coordinator?)");
        }
        return transaction;
    }

    /**
     * Binds {@code transaction} and returns the previous one, to be given back to
     * {@link #restore}.
     */
    public static @Nullable DtmTransaction bind(@Nullable DtmTransaction transaction) {
        DtmTransaction previous = get();
        set(transaction, recording());
        return previous;
    }

    public static void restore(@Nullable DtmTransaction previous) {
        set(previous, recording());
    }

    /** Unbinds the transaction; a recording on this thread stays. */
    public static void clear() {
        set(null, recording());
    }

    public static <T> T callWith(@Nullable DtmTransaction transaction, Supplier<T> action) {
        DtmTransaction previous = bind(transaction);
        try {
            return action.get();
        }
        finally {
            restore(previous);
        }
    }

    /**
     * The saga or message being recorded on this thread, or {@code null}. It may be
     * closed already, when this thread runs a task its initiator handed out and the
     * initiator has returned.
     */
    public static @Nullable InitiatorRecording recording() {
        Frame frame = current.get();
        return (frame != null) ? frame.recording() : null;
    }

    /**
     * Makes {@code recording} the one of this thread and returns the previous one, to be
     * given back to {@link #restoreRecording}.
     */
    public static @Nullable InitiatorRecording startRecording(@Nullable InitiatorRecording recording) {
        InitiatorRecording previous = recording();
        set(get(), recording);
        return previous;
    }

    public static void restoreRecording(@Nullable InitiatorRecording previous) {
        set(get(), previous);
    }

    private static void set(@Nullable DtmTransaction transaction, @Nullable InitiatorRecording recording) {
        if (transaction == null && recording == null) {
            current.remove();
        }
        else {
            current.set(new Frame(transaction, recording));
        }
    }

    private record Frame(@Nullable DtmTransaction transaction, @Nullable InitiatorRecording recording) {

    }

}
