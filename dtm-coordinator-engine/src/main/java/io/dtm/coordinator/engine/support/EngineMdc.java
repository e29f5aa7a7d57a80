package io.dtm.coordinator.engine.support;

import org.slf4j.MDC;

import io.dtm.protocol.TransType;
import io.dtm.protocol.WireWord;

/**
 * The MDC keys the coordinator sets while it works on a transaction. A {@link Scope} puts
 * values and restores what was there before, so pooled threads never keep a transaction's
 * keys after it.
 */
public final class EngineMdc {

    public static final String GID = "dtm.gid";

    public static final String TRANS_TYPE = "dtm.trans_type";

    public static final String BRANCH_ID = "dtm.branch_id";

    public static final String OP = "dtm.op";

    private EngineMdc() {
    }

    private static final String[] TRANSACTION_KEYS = { GID, TRANS_TYPE };

    private static final String[] BRANCH_KEYS = { GID, TRANS_TYPE, BRANCH_ID, OP };

    /**
     * Puts {@code gid} and {@code transType} (a null or empty value leaves its key
     * unset).
     */
    public static Scope transaction(String gid, String transType) {
        return new Scope(TRANSACTION_KEYS, gid, transType);
    }

    public static Scope transaction(String gid, TransType transType) {
        return transaction(gid, WireWord.nameOf(transType));
    }

    /** Puts all four keys: a branch call may run on a thread of its own. */
    public static Scope branch(String gid, TransType transType, String branchId, String op) {
        return new Scope(BRANCH_KEYS, gid, WireWord.nameOf(transType), branchId, op);
    }

    /** MDC entries and their earlier values, restored by {@link #close()}. */
    public static final class Scope implements AutoCloseable {

        private final String[] keys;

        private final String[] previous;

        private Scope(String[] keys, String... values) {
            this.keys = keys;
            this.previous = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                previous[i] = MDC.get(keys[i]);
                put(keys[i], values[i]);
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < keys.length; i++) {
                put(keys[i], previous[i]);
            }
        }

        private static void put(String key, String value) {
            if (value == null || value.isEmpty()) {
                MDC.remove(key);
            }
            else {
                MDC.put(key, LogSafe.prefix(value, 128));
            }
        }

    }

}
