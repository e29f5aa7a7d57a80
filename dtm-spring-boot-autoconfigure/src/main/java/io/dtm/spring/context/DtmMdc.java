package io.dtm.spring.context;

import org.slf4j.MDC;

/**
 * Puts a transaction's keys ({@code dtm.gid}, {@code dtm.trans_type},
 * {@code dtm.branch_id}, {@code dtm.op}) into the logging MDC while a branch is handled;
 * {@link Scope#close()} restores what was there before, so a pooled thread never keeps
 * them.
 */
public final class DtmMdc {

    public static final String GID = "dtm.gid";

    public static final String TRANS_TYPE = "dtm.trans_type";

    public static final String BRANCH_ID = "dtm.branch_id";

    public static final String OP = "dtm.op";

    private static final String[] KEYS = { GID, TRANS_TYPE, BRANCH_ID, OP };

    private static final int MAX_VALUE = 128;

    private DtmMdc() {
    }

    public static Scope put(DtmTransaction transaction) {
        return new Scope(transaction.gid(), transaction.transType(), transaction.branchId(), transaction.op());
    }

    /** The keys put and their earlier values. */
    public static final class Scope implements AutoCloseable {

        private final String[] previous = new String[KEYS.length];

        private Scope(String... values) {
            for (int i = 0; i < KEYS.length; i++) {
                this.previous[i] = MDC.get(KEYS[i]);
                set(KEYS[i], values[i]);
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < KEYS.length; i++) {
                set(KEYS[i], this.previous[i]);
            }
        }

        private static void set(String key, String value) {
            if (value == null || value.isEmpty()) {
                MDC.remove(key);
            }
            else {
                MDC.put(key, clean(value));
            }
        }

        private static String clean(String value) {
            String prefix = (value.length() > MAX_VALUE) ? value.substring(0, MAX_VALUE) : value;
            StringBuilder out = new StringBuilder(prefix.length());
            for (int i = 0; i < prefix.length(); i++) {
                char c = prefix.charAt(i);
                out.append((c < 0x20 || c == 0x7f) ? '?' : c);
            }
            return out.toString();
        }

    }

}
