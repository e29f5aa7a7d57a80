package io.dtm.spring.context;

import java.util.function.Supplier;

/**
 * Holds the {@link DtmTransaction} bound to the current thread.
 */
public final class DtmContextHolder {

    private static final ThreadLocal<DtmTransaction> current = new ThreadLocal<>();

    private DtmContextHolder() {
    }

    public static DtmTransaction get() {
        return current.get();
    }

    /**
     * Returns the bound transaction or fails with a message saying what is missing.
     */
    public static DtmTransaction require() {
        DtmTransaction transaction = current.get();
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
    public static DtmTransaction bind(DtmTransaction transaction) {
        DtmTransaction previous = current.get();
        if (transaction != null) {
            current.set(transaction);
        }
        else {
            current.remove();
        }
        return previous;
    }

    public static void restore(DtmTransaction previous) {
        if (previous != null) {
            current.set(previous);
        }
        else {
            current.remove();
        }
    }

    public static void clear() {
        current.remove();
    }

    public static <T> T callWith(DtmTransaction transaction, Supplier<T> action) {
        DtmTransaction previous = bind(transaction);
        try {
            return action.get();
        }
        finally {
            restore(previous);
        }
    }

}
