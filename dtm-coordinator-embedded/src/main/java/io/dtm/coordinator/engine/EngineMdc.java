package io.dtm.coordinator.engine;

import org.slf4j.MDC;

/**
 * The MDC keys the coordinator sets while it works on a transaction. A {@link Scope} puts values and restores what
 * was there before, so pooled threads never keep a transaction's keys after it.
 */
public final class EngineMdc {

    public static final String GID = "dtm.gid";
    public static final String TRANS_TYPE = "dtm.trans_type";
    public static final String BRANCH_ID = "dtm.branch_id";
    public static final String OP = "dtm.op";

    private EngineMdc() {
    }

    /** Puts {@code gid} and {@code transType} (a null or empty value leaves its key unset). */
    public static Scope transaction(String gid, String transType) {
        return new Scope(GID, gid, TRANS_TYPE, transType);
    }

    /** Puts {@code branchId} and {@code op}. */
    public static Scope branch(String branchId, String op) {
        return new Scope(BRANCH_ID, branchId, OP, op);
    }

    /** Two MDC entries and their earlier values, restored by {@link #close()}. */
    public static final class Scope implements AutoCloseable {

        private final String key1;
        private final String previous1;
        private final String key2;
        private final String previous2;

        private Scope(String key1, String value1, String key2, String value2) {
            this.key1 = key1;
            this.key2 = key2;
            this.previous1 = MDC.get(key1);
            this.previous2 = MDC.get(key2);
            put(key1, value1);
            put(key2, value2);
        }

        @Override
        public void close() {
            put(key1, previous1);
            put(key2, previous2);
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
